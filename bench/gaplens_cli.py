"""How the benchmarks start a gaplens build (shared by the bench scripts).

A build is given as a folder (the launcher's .build/cli, or an older commit's publish folder), a
gaplens.dll, or a native gaplens program. The launcher's default build is one Native AOT program
(.build/cli/gaplens, run by itself); ReadyToRun and plain builds hold gaplens.dll (run on dotnet).
"""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAUNCHER_BUILD = os.path.join(ROOT, ".build", "cli")


def command(build=LAUNCHER_BUILD):
    """The argv prefix that runs the build."""
    if os.path.isdir(build):
        dll = os.path.join(build, "gaplens.dll")
        return ["dotnet", dll] if os.path.exists(dll) else [os.path.join(build, "gaplens")]
    return ["dotnet", build] if build.endswith(".dll") else [build]


def kind(build=LAUNCHER_BUILD):
    """native, or dll (ReadyToRun or plain), for the report lines."""
    return "dll" if command(build)[0] == "dotnet" else "native"
