using ProxmoxMcp.Server.Tests.Conventions;
using ProxmoxMcp.Server.Tools.Api;

namespace ProxmoxMcp.Server.Tests.Api;

public class ApiCatalogTests
{
    [Fact]
    public void EmbeddedApiCatalog_IsGeneratedFromTheOfficialSchema()
    {
        var generated = ApiCatalogSource.Generate();
        if (Environment.GetEnvironmentVariable(Regenerate.Variable) == "1")
        {
            ApiCatalogSource.Write(generated);
        }

        var committed = File.Exists(ApiCatalogSource.CatalogPath) ? ReadCommitted() : "";
        Assert.True(committed == generated, $"{ApiCatalogSource.CatalogPath} is stale: {Regenerate.Hint}");
    }

    [Fact]
    public void ApiCatalog_HasEveryEndpointOfTheSchema()
    {
        Assert.Equal(667, ApiCatalog.All.Count);
        Assert.Equal(336, ApiCatalog.All.Count(e => e.Method == "GET"));
        Assert.Contains(ApiCatalog.All, e => e.Route == "GET /cluster/ha/status/current");
    }

    private static string ReadCommitted()
    {
        using var file = File.OpenRead(ApiCatalogSource.CatalogPath);
        using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }
}
