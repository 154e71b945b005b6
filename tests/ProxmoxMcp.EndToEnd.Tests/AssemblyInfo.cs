// These tests drive socat, systemd tooling, /proc and Linux binaries: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
