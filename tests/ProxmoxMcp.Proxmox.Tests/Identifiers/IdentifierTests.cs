using ProxmoxMcp.Proxmox.Tests.Support;

namespace ProxmoxMcp.Proxmox.Tests.Identifiers;

/// <summary>
/// Identifiers are the only values that reach a request path: every one that could change the path's meaning
/// (traversal, query, fragment, pre-encoded text, control characters, non-ASCII, empty, huge) is refused, with a
/// message that names the argument.
/// </summary>
public sealed class IdentifierTests
{
    public static readonly string Huge = new('a', 10_000);

    /// <summary>Values no identifier accepts.</summary>
    public static IEnumerable<TheoryDataRow<string?>> Hostile =>
    [
        new(null), .. new[]
        {
        "", " ", "..", ".", "%2e%2e", "%2E%2E", "../access", "pve1/../../access", "pve1%2F..", "100?x=1", "100#x", "a&b=c",
        "pve1\n", "pve1\r\nX-Injected: 1", "pve1\0", "\u0007bell", "pve1\u200b", "pvé1", "ｐｖｅ1", "пве1", "\\..\\", Huge,
        }.Select(v => new TheoryDataRow<string?>(v)),
    ];

    [Theory]
    [InlineData("pve1")]
    [InlineData("pve-node-2")]
    [InlineData("A")]
    [InlineData("7")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123")]
    public void NodeName_Valid_RoundTrips(string value) => Assert.Equal(value, NodeName.Parse(value).ToString());

    [Theory]
    [MemberData(nameof(Hostile))]
    [InlineData("-pve")]
    [InlineData("pve-")]
    [InlineData("pve_1")]
    [InlineData("pve1.example.com")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234")]
    public void NodeName_Invalid_IsRefusedNamingTheArgument(string? value)
    {
        var e = Assert.Throws<ProxmoxArgumentException>(() => NodeName.Parse(value, "target"));

        Assert.Equal("target", e.ParamName);
        Assert.StartsWith("target ", e.Reason, StringComparison.Ordinal);
        Assert.False(NodeName.TryParse(value, out _));
    }

    [Fact]
    public void RefusalMessage_ShowsControlCharactersAndBoundsLength()
    {
        var control = Assert.Throws<ProxmoxArgumentException>(() => NodeName.Parse("pve1\r\nX: 1"));
        var huge = Assert.Throws<ProxmoxArgumentException>(() => NodeName.Parse(Huge));

        Assert.Contains(@"'pve1\u000d\u000aX: 1'", control.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", control.Reason, StringComparison.Ordinal);
        Assert.InRange(huge.Reason.Length, 1, 400);
        Assert.Contains("...'", huge.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100", 100)]
    [InlineData("999999999", 999999999)]
    [InlineData("123456", 123456)]
    public void VmId_Valid_Parses(string text, int value)
    {
        Assert.Equal(value, VmId.Parse(text).Value);
        Assert.Equal(text, VmId.From(value).ToString());
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    [InlineData("99")]
    [InlineData("0")]
    [InlineData("1000000000")]
    [InlineData("99999999999999999999999")]
    [InlineData(" 100")]
    [InlineData("100 ")]
    [InlineData("+100")]
    [InlineData("-100")]
    [InlineData("1e3")]
    [InlineData("0x64")]
    [InlineData("100.0")]
    [InlineData("١٠٠")]
    [InlineData("１００")]
    [InlineData("100/../101")]
    public void VmId_Invalid_IsRefused(string? value)
    {
        var e = Assert.Throws<ProxmoxArgumentException>(() => VmId.Parse(value, "newid"));

        Assert.Equal("newid", e.ParamName);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(-1)]
    [InlineData(1_000_000_000)]
    [InlineData(long.MaxValue)]
    public void VmId_FromOutOfRange_IsRefused(long value) =>
        Assert.Contains("100 to 999999999", Assert.Throws<ProxmoxArgumentException>(() => VmId.From(value)).Reason, StringComparison.Ordinal);

    [Theory]
    [InlineData("local")]
    [InlineData("local-lvm")]
    [InlineData("ceph.pool_1")]
    [InlineData("nfs-backup2")]
    public void StorageId_Valid_RoundTrips(string value) => Assert.Equal(value, StorageId.Parse(value).Value);

    [Theory]
    [MemberData(nameof(Hostile))]
    [InlineData("local%2F..")]
    [InlineData("local/..")]
    [InlineData("l")]
    [InlineData("1local")]
    [InlineData("local-")]
    [InlineData("local lvm")]
    [InlineData("local:iso")]
    [InlineData("lócal")]
    public void StorageId_Invalid_IsRefused(string? value) =>
        Assert.Equal("storage", Assert.Throws<ProxmoxArgumentException>(() => StorageId.Parse(value)).ParamName);

    [Theory]
    [InlineData("before_upgrade")]
    [InlineData("s1")]
    [InlineData("Snap-2025")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghij")]
    public void SnapshotName_Valid_RoundTrips(string value) => Assert.Equal(value, SnapshotName.Parse(value).ToString());

    [Theory]
    [MemberData(nameof(Hostile))]
    [InlineData("a")]
    [InlineData("1snap")]
    [InlineData("snap/../x")]
    [InlineData("snap name")]
    [InlineData("snap.1")]
    [InlineData("snäp")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijk")]
    public void SnapshotName_Invalid_IsRefused(string? value) =>
        Assert.Equal("snapname", Assert.Throws<ProxmoxArgumentException>(() => SnapshotName.Parse(value)).ParamName);

    [Theory]
    [InlineData("current")]
    [InlineData("Current")]
    public void SnapshotName_Current_IsReserved(string value) =>
        Assert.Contains("reserved", Assert.Throws<ProxmoxArgumentException>(() => SnapshotName.Parse(value)).Reason, StringComparison.Ordinal);

    [Theory]
    [InlineData("prod")]
    [InlineData("prod/web")]
    [InlineData("_x")]
    [InlineData("a-b_c/d1/e")]
    public void PoolId_Valid_RoundTrips(string value) => Assert.Equal(value, PoolId.Parse(value).ToString());

    [Theory]
    [MemberData(nameof(Hostile))]
    [InlineData("/prod")]
    [InlineData("prod/")]
    [InlineData("prod//web")]
    [InlineData("prod/../x")]
    [InlineData("prod web")]
    [InlineData("pröd")]
    public void PoolId_Invalid_IsRefused(string? value) =>
        Assert.Equal("poolid", Assert.Throws<ProxmoxArgumentException>(() => PoolId.Parse(value)).ParamName);

    [Theory]
    [InlineData("local:iso/debian-12.iso", "local", "iso/debian-12.iso")]
    [InlineData("local-lvm:vm-100-disk-0", "local-lvm", "vm-100-disk-0")]
    [InlineData("local:backup/vzdump-qemu-100-2025_01_01-00_00_00.vma.zst", "local", "backup/vzdump-qemu-100-2025_01_01-00_00_00.vma.zst")]
    [InlineData("pbs:backup/ct/103/2025-01-01T00:00:00Z", "pbs", "backup/ct/103/2025-01-01T00:00:00Z")]
    [InlineData("local:snippets/user+data=1.yaml", "local", "snippets/user+data=1.yaml")]
    public void VolumeId_Valid_SplitsStorageAndName(string value, string storage, string name)
    {
        var volume = VolumeId.Parse(value);

        Assert.Equal(value, volume.ToString());
        Assert.Equal(storage, volume.Storage.Value);
        Assert.Equal(name, volume.Name);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    [InlineData("local:iso/../../../etc/passwd")]
    [InlineData("local:..")]
    [InlineData("local:iso/%2e%2e/x")]
    [InlineData("local")]
    [InlineData(":iso/x.iso")]
    [InlineData("local:")]
    [InlineData("local:/etc/passwd")]
    [InlineData("local:iso/x y.iso")]
    [InlineData("local:iso/x.iso?x=1")]
    [InlineData("local:iso/x.iso\n")]
    [InlineData("lócal:iso/x.iso")]
    [InlineData("local:iso/ä.iso")]
    [InlineData("1local:iso/x.iso")]
    public void VolumeId_Invalid_IsRefused(string? value) =>
        Assert.Equal("volume", Assert.Throws<ProxmoxArgumentException>(() => VolumeId.Parse(value)).ParamName);

    [Fact]
    public void VolumeId_TooLong_IsRefused() =>
        Assert.Throws<ProxmoxArgumentException>(() => VolumeId.Parse("local:iso/" + new string('a', 503)));

    [Theory]
    [InlineData("cores")]
    [InlineData("net0")]
    [InlineData("scsi13")]
    [InlineData("ssh-public-keys")]
    [InlineData("cpu_units")]
    public void GuestConfigKey_Valid_IsReturned(string key) => Assert.Equal(key, GuestConfigKeys.Require(key, "key"));

    [Theory]
    [MemberData(nameof(Hostile))]
    [InlineData("Net0")]
    [InlineData("net0=virtio")]
    [InlineData("0net")]
    [InlineData("ñet0")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijk")]
    public void GuestConfigKey_Invalid_IsRefused(string? key) =>
        Assert.Equal("delete", Assert.Throws<ProxmoxArgumentException>(() => GuestConfigKeys.Require(key, "delete")).ParamName);

    [Theory]
    [InlineData(null, null)]
    [InlineData("iso", "iso")]
    [InlineData("rootdir", "rootdir")]
    public void StorageContent_Known_IsReturned(string? content, string? expected) => Assert.Equal(expected, StorageContent.RequireOptional(content));

    [Theory]
    [InlineData("ISO")]
    [InlineData("iso,backup")]
    [InlineData("")]
    [InlineData("iso&x=1")]
    public void StorageContent_Unknown_IsRefused(string content) =>
        Assert.Contains("images", Assert.Throws<ProxmoxArgumentException>(() => StorageContent.RequireOptional(content)).Reason, StringComparison.Ordinal);
}
