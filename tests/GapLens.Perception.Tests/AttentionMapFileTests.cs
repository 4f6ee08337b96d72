using GapLens.Core;
using GapLens.IO.Tensors;
using GapLens.Perception.Attention;
using GapLens.Testing;

namespace GapLens.Perception.Tests;

/// <summary>The files a map folder holds: .npy (C or Fortran order) and .safetensors maps read through
/// the shared tensor readers, and the pairing of every array with its sidecar.</summary>
public sealed class AttentionMapFileTests
{
    private static readonly float[] Values = [.. Enumerable.Range(0, 2 * 3 * 4).Select(i => (float)i)];

    private static string Folder(TempDir dir)
    {
        string folder = dir.Combine("maps", "video_1");
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Fact]
    public void AnArrayFileWithoutItsSidecarIsAUserErrorNamingItNotASilentSkip()
    {
        using var dir = new TempDir();
        string folder = Folder(dir);
        AttentionInputTests.WriteNpy(Path.Combine(folder, "0.npy"), [2, 3, 4], Values);
        File.WriteAllText(Path.Combine(folder, "0.json"), """{"frame_ids": [0, 30]}""");
        AttentionInputTests.WriteNpy(Path.Combine(folder, "1.npy"), [2, 3, 4], Values);
        var ex = Assert.Throws<UserInputException>(() => new AttentionMapFolder(dir.Combine("maps")));
        Assert.Contains(Path.Combine("video_1", "1.npy"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("has no sidecar 1.json", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TensorDType.Float32)]
    [InlineData(TensorDType.Float16)]
    [InlineData(TensorDType.BFloat16)]
    public void ASafetensorsMapLoadsLikeTheSameNpyMap(TensorDType dtype)
    {
        using var dir = new TempDir();
        string folder = Folder(dir);
        SafetensorsWriter.Write(Path.Combine(folder, "0.safetensors"), "attention", Values, [2, 3, 4], dtype);
        File.WriteAllText(Path.Combine(folder, "0.json"), """{"frame_ids": [0, 30]}""");
        AttentionInputTests.WriteNpy(Path.Combine(folder, "1.npy"), [2, 3, 4], Values);
        File.WriteAllText(Path.Combine(folder, "1.json"), """{"frame_ids": [0, 30]}""");
        var maps = new AttentionMapFolder(dir.Combine("maps"));
        Assert.Equal(2, maps.Keys.Count);
        var st = maps.Load(maps.Keys[0]);
        var npy = maps.Load(maps.Keys[1]);
        Assert.Equal((1, 1, 2, 3, 4), (st.Layers, st.Heads, st.Frames, st.Height, st.Width));
        Assert.Equal(npy.Values.ToArray(), st.Values.ToArray()); // small integers are exact in every dtype
        Assert.Equal(23f, st.Slice(0, 0, 1)[11]);
    }

    [Fact]
    public void AFortranOrderedNpyMapIsReadInCOrder()
    {
        using var dir = new TempDir();
        string folder = Folder(dir);
        // numpy.asfortranarray(a).tofile order of a 2 x 3 map [[0, 1, 2], [3, 4, 5]]: column by column.
        AttentionInputTests.WriteNpy(Path.Combine(folder, "0.npy"), [2, 3], [0, 3, 1, 4, 2, 5], fortran: true);
        File.WriteAllText(Path.Combine(folder, "0.json"), """{"frame_ids": [0]}""");
        var maps = new AttentionMapFolder(dir.Combine("maps"));
        Assert.Equal([0f, 1, 2, 3, 4, 5], maps.Load(maps.Keys[0]).Values.ToArray());
    }

    [Fact]
    public void ASafetensorsFileWithTwoTensorsOrANonFiniteValueIsAUserError()
    {
        using var dir = new TempDir();
        string folder = Folder(dir);
        string path = Path.Combine(folder, "0.safetensors");
        using (var w = SafetensorsWriter.Create(path, [new SafetensorsTensorSpec("a", TensorDType.Float32, [2, 2]), new SafetensorsTensorSpec("b", TensorDType.Float32, [2, 2])]))
        {
            w.Append([1, 2, 3, 4, 1, 2, 3, 4]);
            w.Commit();
        }
        File.WriteAllText(Path.Combine(folder, "0.json"), """{"frame_ids": [0]}""");
        var maps = new AttentionMapFolder(dir.Combine("maps"));
        var ex = Assert.Throws<UserInputException>(() => maps.Load(maps.Keys[0]));
        Assert.Contains("holds 2 tensors (a, b); a map file holds exactly one", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("attention map ", ex.Message, StringComparison.Ordinal);
        SafetensorsWriter.Write(path, "m", [1, float.PositiveInfinity, 3, 4], [2, 2], TensorDType.Float32);
        Assert.Contains("holds a non-finite value (Infinity) at flat index 1", Assert.Throws<UserInputException>(() => maps.Load(maps.Keys[0])).Message, StringComparison.Ordinal);
    }
}
