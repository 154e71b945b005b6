using System.Net;

namespace ProxmoxMcp.Http.Tests;

public sealed class HttpRateLimitTests
{
    [Fact]
    public async Task Token_OverItsRateLimit_Gets429WithRetryAfter_AndOtherTokensAreNotAffected()
    {
        await using var server = await HttpTestServer.StartAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await server.PostAsync(HttpTestServer.Initialize(i), $"Bearer {HttpTestServer.Limited}");
            statuses.Add(response.StatusCode);
            if (i == 3)
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        using var other = await server.PostAsync(HttpTestServer.Initialize(), $"Bearer {HttpTestServer.Admin}");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], statuses);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
