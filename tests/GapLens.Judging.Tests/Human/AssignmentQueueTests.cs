using GapLens.Judging.Folders;
using GapLens.Judging.Human;

namespace GapLens.Judging.Tests.Human;

public sealed class AssignmentQueueTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    private static List<HumanItem> Items(int n) => [.. Enumerable.Range(0, n).Select(i =>
    {
        var key = new ItemKey("e", "m", "t_task", $"t_{i:0000}");
        return new HumanItem(i, key.Id("test-secret"u8), key, new VmTask("e", "m", "t_task", key.TaskId, ""));
    })];

    private sealed class Fixture
    {
        public Fixture(int n, int overlap, ulong seed = 0)
        {
            Items = Items(n);
            Ledger = new ScoreLedger([.. Items.Select(i => i.Key)]);
            Queue = new AssignmentQueue(Items, Ledger, overlap, Lease, seed);
        }

        public List<HumanItem> Items { get; }

        public ScoreLedger Ledger { get; }

        public AssignmentQueue Queue { get; }

        private long _id;

        public int? Next(string who, string session = "s", int? release = null, double minutes = 0) => Queue.Next(who, session, release, T0.AddMinutes(minutes)).Item;

        public void Answer(string who, int item, int? score, double minutes = 1)
        {
            Ledger.Add(new HumanSubmission(++_id, Items[item].Key, who, score, "", T0.AddMinutes(minutes), null, true, "s", SubmissionSource.Annotate));
            Queue.MarkSeen(who, item);
        }
    }

    [Fact]
    public void EachAnnotatorHasAStableShuffledOrderOfTheirOwn()
    {
        var f = new Fixture(200, 1);
        int[] ana = f.Queue.OrderFor("Ana");
        Assert.Equal(ana, new Fixture(200, 1).Queue.OrderFor("Ana"));
        Assert.NotEqual(ana, f.Queue.OrderFor("Ben"));
        Assert.NotEqual(ana, new Fixture(200, 1, seed: 1).Queue.OrderFor("Ana"));
        Assert.NotEqual(Enumerable.Range(0, 200), ana);
        Assert.Equal(Enumerable.Range(0, 200), ana.Order());
        // Adding items does not reorder the others.
        var bigger = new Fixture(260, 1).Queue.OrderFor("Ana").Where(i => i < 200);
        Assert.Equal(ana, bigger);
    }

    [Fact]
    public void WithOverlapOneAnItemInSomeonesHandsIsNotOfferedToAnotherUntilTheLeaseEnds()
    {
        var f = new Fixture(1, 1);
        Assert.Equal(0, f.Next("Ana"));
        Assert.Null(f.Next("Ben"));
        // The same session asking again gets the same item back.
        Assert.Equal(0, f.Next("Ana"));
        // After 30 minutes without an answer, the lease has run out.
        Assert.Equal(0, f.Next("Ben", minutes: 31));
        // Ana never gets it again.
        Assert.Null(f.Next("Ana", minutes: 62));
    }

    [Fact]
    public void AnAnnotatorIsNeverHandedTheSameItemTwice()
    {
        var f = new Fixture(5, 5);
        var got = new List<int>();
        for (int k = 0; k < 5; k++)
        {
            int i = f.Next("Ana")!.Value;
            got.Add(i);
            f.Answer("Ana", i, 3, minutes: k + 1);
        }
        Assert.Equal(5, got.Distinct().Count());
        Assert.Null(f.Next("Ana", minutes: 10));
        Assert.Null(f.Next("Ana", session: "other-tab", minutes: 10));
    }

    [Fact]
    public void HandingAnItemBackLetsSomeoneElseHaveIt()
    {
        var f = new Fixture(2, 1);
        int first = f.Next("Ana")!.Value;
        int second = f.Next("Ben")!.Value;
        Assert.NotEqual(first, second);
        var (next, events) = f.Queue.Next("Ana", "s", first, T0.AddMinutes(1));
        Assert.Null(next);
        Assert.True(Assert.Single(events).Released);
        f.Answer("Ben", second, 4, minutes: 2);
        Assert.Equal(first, f.Next("Ben", minutes: 3));
    }

    [Fact]
    public void TwoSessionsOfOneAnnotatorGetDifferentItems()
    {
        var f = new Fixture(3, 3);
        int a = f.Next("Ana", "tab-1")!.Value;
        int b = f.Next("Ana", "tab-2")!.Value;
        Assert.NotEqual(a, b);
        Assert.Equal(a, f.Next("Ana", "tab-1"));
    }

    [Fact]
    public void WithOverlapTwoAnItemGoesToTwoAnnotatorsAndAnUnsureAnswerFreesItsPlace()
    {
        var f = new Fixture(1, 2);
        Assert.Equal(0, f.Next("Ana"));
        Assert.Equal(0, f.Next("Ben"));
        Assert.Null(f.Next("Cy"));
        f.Answer("Ana", 0, 4);
        f.Answer("Ben", 0, null, minutes: 2);
        Assert.Equal(1, f.Ledger.Scorers(0));
        Assert.Equal(0, f.Next("Cy", minutes: 3));
        f.Answer("Cy", 0, 5, minutes: 4);
        Assert.Equal(2, f.Ledger.Scorers(0));
        Assert.Null(f.Next("Dee", minutes: 5));
    }

    [Fact]
    public void WithOverlapTwoAnItemSomeoneElseStartedIsOfferedBeforeAFreshOneSoItemsReachTwoAnnotatorsEarly()
    {
        var f = new Fixture(200, 2);
        // Ana scores ten items alone; Ben then starts: his first ten are Ana's ten, in his own order.
        var ana = new List<int>();
        for (int k = 0; k < 10; k++)
        {
            int i = f.Next("Ana", minutes: k)!.Value;
            ana.Add(i);
            f.Answer("Ana", i, 3, minutes: k + 0.5);
        }
        var ben = new List<int>();
        for (int k = 0; k < 10; k++)
        {
            int i = f.Next("Ben", minutes: 20 + k)!.Value;
            ben.Add(i);
            f.Answer("Ben", i, 4, minutes: 20 + k + 0.5);
        }
        Assert.Equal(ana.Order(), ben.Order());
        int[] benOrder = f.Queue.OrderFor("Ben");
        Assert.Equal(ben, ben.OrderBy(i => Array.IndexOf(benOrder, i)));
        Assert.Equal(10, Enumerable.Range(0, 200).Count(i => f.Ledger.Scorers(i) == 2));
        // Nothing is started: fresh items come in Ben's own order.
        int fresh = f.Next("Ben", minutes: 40)!.Value;
        Assert.Equal(benOrder.First(i => !ana.Contains(i)), fresh);
    }

    [Fact]
    public void AnItemSomeoneOnlyHasOpenIsNotPreferredButOnceScoredItIsAndAFullOneIsNotOffered()
    {
        var f = new Fixture(50, 2);
        int a = f.Next("Ana")!.Value;
        // Ana has her item open, unanswered: Ben starts on his own order.
        int b = f.Next("Ben")!.Value;
        Assert.Equal(f.Queue.OrderFor("Ben")[0], b);
        Assert.NotEqual(a, b);
        f.Answer("Ana", a, 3);
        f.Answer("Ben", b, 4);
        // Both are scored once: Cy gets the one that comes first in his order, then the other.
        int[] cy = f.Queue.OrderFor("Cy");
        int first = Array.IndexOf(cy, a) < Array.IndexOf(cy, b) ? a : b;
        Assert.Equal(first, f.Next("Cy", minutes: 2));
        f.Answer("Cy", first, 2, minutes: 3);
        Assert.Equal(first == a ? b : a, f.Next("Cy", minutes: 4));
        // Full items (two scores each now) are not offered: Dee gets the first fresh one of her order.
        f.Answer("Cy", first == a ? b : a, 5, minutes: 5);
        Assert.Equal(f.Queue.OrderFor("Dee").First(i => i != a && i != b), f.Next("Dee", minutes: 6));
    }

    [Fact]
    public void WithOverlapOneTheOrderIsTheAnnotatorsOwn()
    {
        var f = new Fixture(30, 1);
        int[] order = f.Queue.OrderFor("Ana");
        Assert.Equal(order[0], f.Next("Ana"));
        f.Answer("Ana", order[0], 2);
        Assert.Equal(order[1], f.Next("Ana", minutes: 2));
    }

    [Fact]
    public void AnItemWithNothingToScoreIsNeverHandedOutAgain()
    {
        var f = new Fixture(2, 2);
        int first = f.Next("Ana")!.Value;
        f.Queue.MarkUnservable(first);
        Assert.True(f.Queue.IsUnservable(first));
        Assert.Equal(0, f.Queue.LiveLeases(first, T0));
        Assert.NotEqual(first, f.Next("Ana"));
        Assert.NotEqual(first, f.Next("Ben"));
        Assert.Null(f.Next("Ben", "other"));
    }

    [Fact]
    public void ReplayingTheLogRestoresWhoHasSeenWhatAndTheLiveLeases()
    {
        var f = new Fixture(3, 1);
        var (item, events) = f.Queue.Next("Ana", "s", null, T0);
        var g = new Fixture(3, 1);
        foreach (var e in events) g.Queue.Replay(e);
        Assert.True(g.Queue.HasSeen("Ana", item!.Value));
        Assert.Equal(item, g.Next("Ana", minutes: 1));
        Assert.NotEqual(item, g.Next("Ben", minutes: 1));
        Assert.Equal(1, g.Queue.LiveLeases(item.Value, T0.AddMinutes(1)));
        Assert.Equal(0, g.Queue.LiveLeases(item.Value, T0.AddMinutes(40)));
    }
}
