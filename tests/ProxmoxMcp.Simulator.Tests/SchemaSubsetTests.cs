using ProxmoxMcp.Simulator.Api;
using ProxmoxMcp.Simulator.Schema;

namespace ProxmoxMcp.Simulator.Tests;

public class SchemaSubsetTests
{
    [Fact]
    public void EmbeddedSchemaSubset_IsUpToDateWithContractSchema()
    {
        var (code, output) = Repo.Python("server/ProxmoxMcp.Simulator/Schema/make_schema_subset.py", "--check");
        Assert.True(code == 0, output);
    }

    [Fact]
    public void EveryHandler_HasAFullSchemaEntry_AndEveryImplementedEntryHasAHandler()
    {
        var handlers = Router.Handlers.Keys.Select(k => $"{k.Method} {k.Path}").ToHashSet();
        var implemented = ApiSchema.Instance.ImplementedEndpoints.Select(e => $"{e.Method} {e.Path}").ToHashSet();
        Assert.Empty(handlers.Except(implemented));
        Assert.Empty(implemented.Except(handlers));
        Assert.True(implemented.Count > 70);
    }

    [Fact]
    public void SchemaKnowsEveryPveEndpoint()
    {
        Assert.Equal(667, ApiSchema.Instance.Endpoints.Count());
    }
}
