using ProxmoxMcp.Bridge.Configuration;

namespace ProxmoxMcp.Bridge.Tests;

public sealed class SettingsTests
{
    private static (BridgeSettings? Settings, IReadOnlyList<string> Errors) Resolve(
        Dictionary<string, string>? options = null, Dictionary<string, string>? environment = null) =>
        SettingsResolver.Resolve(spec => options?.GetValueOrDefault(spec.Name), name => environment?.GetValueOrDefault(name));

    [Fact]
    public void Settings_FromOriginalEnvironmentVariables_UseMcpHostAndMcpPort()
    {
        var (settings, errors) = Resolve(environment: new() { ["MCP_HOST"] = "mcp-vm", ["MCP_PORT"] = "4100" });
        Assert.Empty(errors);
        Assert.Equal("mcp-vm", settings!.Host);
        Assert.Equal(4100, settings.Port);
        Assert.Null(settings.Tls);
        Assert.Null(settings.MaxRetries);
    }

    [Fact]
    public void Settings_OptionOnCommandLine_WinsOverEnvironmentVariable()
    {
        var (settings, _) = Resolve(
            new() { ["--host"] = "from-option", ["--idle-ping"] = "500ms" },
            new() { ["MCP_HOST"] = "from-env", ["MCP_IDLE_PING"] = "2m", ["MCP_MAX_BACKOFF"] = "5" });
        Assert.Equal("from-option", settings!.Host);
        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.IdlePing);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.MaxBackoff);
        Assert.Equal(3100, settings.Port);
    }

    [Fact]
    public void Settings_WithoutHost_ReportsHowToGiveOne()
    {
        var (settings, errors) = Resolve();
        Assert.Null(settings);
        Assert.Contains(errors, e => e.Contains("--host", StringComparison.Ordinal) && e.Contains("MCP_HOST", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_WithSeveralBadValues_ReportsEachWithItsSource()
    {
        var (settings, errors) = Resolve(
            new() { ["--host"] = "h", ["--port"] = "99999", ["--queue-max-bytes"] = "lots" },
            new() { ["MCP_MAX_RETRIES"] = "often", ["MCP_SERVER_FINGERPRINT"] = "AB:CD" });
        Assert.Null(settings);
        Assert.Contains(errors, e => e.StartsWith("--port:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--queue-max-bytes:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("MCP_MAX_RETRIES:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("MCP_SERVER_FINGERPRINT:", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_WithBadPasswordSource_NeverEchoesThePassword()
    {
        var (_, errors) = Resolve(new() { ["--host"] = "h", ["--client-key"] = "/nonexistent/key.pem" }, new() { ["MCP_CLIENT_CERT_PASSWORD"] = "s3cret!" });
        Assert.NotEmpty(errors);
        Assert.DoesNotContain(errors, e => e.Contains("s3cret!", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_WithFingerprint_ImpliesTlsAndNormalisesIt()
    {
        var pin = string.Join(':', Enumerable.Repeat("ab", 32));
        var (settings, errors) = Resolve(new() { ["--host"] = "pve-mcp", ["--server-fingerprint"] = pin });
        Assert.Empty(errors);
        Assert.Equal(new string('A', 0) + string.Concat(Enumerable.Repeat("AB", 32)), settings!.Tls!.ServerFingerprint);
        Assert.Equal("pve-mcp", settings.Tls.ServerName);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    public void Settings_MaxRetriesBelowOne_IsAUsageErrorThatSaysWhatIsAccepted(string retries)
    {
        var (settings, errors) = Resolve(new() { ["--host"] = "h", ["--max-retries"] = retries });
        Assert.Null(settings);
        Assert.Contains(errors, e => e.Contains("a count of 1 or more, or 'unlimited'", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_UnlimitedRetriesAndSizes_Parse()
    {
        var (settings, errors) = Resolve(new() { ["--host"] = "h", ["--max-retries"] = "unlimited", ["--max-message-size"] = "16MiB", ["--queue-max-bytes"] = "512K" });
        Assert.Empty(errors);
        Assert.Null(settings!.MaxRetries);
        Assert.Equal(16 * 1024 * 1024, settings.MaxMessageBytes);
        Assert.Equal(512 * 1024, settings.QueueMaxBytes);
    }

    [Fact]
    public void TlsSettings_ToString_HidesThePassword()
    {
        var tls = new TlsSettings { ServerName = "x", ClientCertificatePassword = "hunter2" };
        Assert.DoesNotContain("hunter2", tls.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10", 10_000)]
    [InlineData("2.5", 2_500)]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("2m", 120_000)]
    public void Duration_AcceptsSecondsAndUnits(string text, int milliseconds)
    {
        Assert.True(ValueParsers.TryParseDuration(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("soon")]
    [InlineData("5x")]
    public void Duration_RejectsNonsense(string text) => Assert.False(ValueParsers.TryParseDuration(text, out _));
}
