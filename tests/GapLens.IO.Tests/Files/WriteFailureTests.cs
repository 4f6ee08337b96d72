using GapLens.Core;
using GapLens.IO.Files;
using GapLens.Testing;

namespace GapLens.IO.Tests.Files;

public sealed class WriteFailureTests : TempDirTest
{
    [Theory]
    [InlineData(28, "no space left on device")]
    [InlineData(122, "disk quota exceeded")]
    [InlineData(30, "read-only file system")]
    public void AFullDiskAQuotaAndAReadOnlyFileSystemAreTheMachinesNotBugs(int errno, string reason)
    {
        var ex = new IOException($"whatever the runtime says : '/x/.a.1.tmp'", errno);
        Assert.True(WriteFailure.IsEnvironmental(ex));
        Assert.Equal(reason, WriteFailure.Reason(ex));
        Assert.Equal($"cannot write /x/a: {reason}", WriteFailure.Describe("/x/a", ex));
    }

    [Fact]
    public void OtherIoErrorsStayBugsAndTheRuntimesPathIsCutFromTheirReason()
    {
        Assert.False(WriteFailure.IsEnvironmental(new IOException("Input/output error", 5)));
        Assert.False(WriteFailure.IsEnvironmental(new FileNotFoundException("gone")));
        Assert.False(WriteFailure.IsEnvironmental(new InvalidOperationException("bug")));
        Assert.True(WriteFailure.IsEnvironmental(new UnauthorizedAccessException("Access to the path '/x' is denied.")));
        Assert.Equal("permission denied", WriteFailure.Reason(new UnauthorizedAccessException("Access to the path '/x' is denied.")));
        Assert.Equal("Input/output error", WriteFailure.Reason(new IOException("Input/output error : '/x/.a.1.tmp'", 5)));
    }

    [Fact]
    public void AtomicFileIntoAFolderThatCannotBeWrittenIsAUserErrorNamingTheFileAndLeavesNothing()
    {
        using var ro = new ReadOnlyFolder(Dir.Combine("ro"));
        Assert.True(ro.IsReadOnly, "could not make a read-only folder on this machine");
        var ex = Assert.Throws<UserInputException>(() => AtomicFile.WriteText(Dir.Combine("ro", "sub", "a.json"), "{}"));
        Assert.Equal($"cannot write {Dir.Combine("ro", "sub", "a.json")}: permission denied", ex.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Dir.Combine("ro")));
    }

    [Fact]
    public void AnOutputFolderThatExistsButTakesNoFileIsRefusedBeforeAnyWork()
    {
        using var ro = new ReadOnlyFolder(Dir.Combine("ro"));
        Assert.True(ro.IsReadOnly, "could not make a read-only folder on this machine");
        var ex = Assert.Throws<UserInputException>(() => OutputFolder.Create(Dir.Combine("ro"), "--out"));
        Assert.Equal($"cannot write --out {Dir.Combine("ro")}: permission denied. Give a folder you can write to.", ex.Message);
        OutputFolder.Create(Dir.Combine("rw"), "--out");
        Assert.Empty(Directory.EnumerateFileSystemEntries(Dir.Combine("rw")));
    }
}
