namespace ProxmoxMcp.Proxmox.Tests.Support;

/// <summary>Valid identifiers used across the tests, and the cancellation token of the running test.</summary>
public static class TestIds
{
    public const string QemuStartUpid = "UPID:pve1:0000C346:165A0CE4:68D7279C:qmstart:100:root@pam!mcp:";

    /// <summary>The same UPID as it appears in a request path.</summary>
    public const string QemuStartUpidEscaped = "UPID%3Apve1%3A0000C346%3A165A0CE4%3A68D7279C%3Aqmstart%3A100%3Aroot%40pam%21mcp%3A";

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static NodeName Pve1 => NodeName.Parse("pve1");

    public static NodeName Pve2 => NodeName.Parse("pve2");

    public static VmId Vm100 => VmId.From(100);

    public static Upid QemuStart => Upid.Parse(QemuStartUpid);

    public static string UpidJson(string upid = QemuStartUpid) => $"\"{upid}\"";
}
