using GapLens.Core.Text;

namespace GapLens.Core.Tests.Text;

public sealed class NaturalOrderTests
{
    [Fact]
    public void NumbersInsideIdsCompareAsNumbers()
    {
        string[] ids = ["video10-q2", "video2-q10", "video2-q1", "video10-q1", "video2-q2", "a", "video1-q1"];
        Assert.Equal(["a", "video1-q1", "video2-q1", "video2-q2", "video2-q10", "video10-q1", "video10-q2"], ids.Order(NaturalOrder.Instance));
    }

    [Fact]
    public void LeadingZerosAndPrefixesStillGiveATotalOrder()
    {
        string[] ids = ["7", "007", "07", "x", "x1", "", "12345678901234567890123", "9"];
        var sorted = ids.Order(NaturalOrder.Instance).ToList();
        Assert.Equal(["", "007", "07", "7", "9", "12345678901234567890123", "x", "x1"], sorted);
        foreach (string a in ids)
        {
            foreach (string b in ids)
            {
                int c = NaturalOrder.Instance.Compare(a, b);
                Assert.Equal(-Math.Sign(NaturalOrder.Instance.Compare(b, a)), Math.Sign(c));
                Assert.Equal(a == b, c == 0);
            }
        }
    }
}
