using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Proxmox.Http;
using RichardSzalay.MockHttp;

namespace ProxmoxMcp.Proxmox.Tests.Support;

/// <summary>
/// A <see cref="ProxmoxClient"/> built by <see cref="ProxmoxHttpClientFactory"/> (so resilience and authentication
/// run for real) on a MockHttp transport. Every request is recorded (and added to <see cref="CallLog"/>); a request
/// no route expects fails the call and, on dispose, the test. Dispose also checks the credentials on every request.
/// </summary>
public sealed class PveMock : IDisposable
{
    public const string Host = "pve.test";
    public const string TokenSecret = "5e1f6d1a-7c3b-4d2e-9f00-123456789abc";
    public const string Password = "correct horse battery staple";
    public const string Ticket = "PVE:root@pam:68D7279C::c2lnbmF0dXJl";
    public const string Csrf = "68D7279C:Y3NyZnRva2Vu";
    public const string FormType = "application/x-www-form-urlencoded";

    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly ConcurrentQueue<string> unexpected = new();
    private readonly ConcurrentQueue<ScriptedRoute> scripted = new();
    private bool disposed;

    public PveMock(Action<ProxmoxOptions>? configure = null, TimeProvider? time = null)
    {
        Options = new ProxmoxOptions { Host = Host, TokenId = "mcp", TokenSecret = TokenSecret };
        configure?.Invoke(Options);
        Mock = new MockHttpMessageHandler();
        Mock.Fallback.Respond(request =>
        {
            var text = $"{request.Method} {request.RequestUri?.PathAndQuery}";
            unexpected.Enqueue(text);
            throw new UnexpectedRequestException($"No route expects {text}");
        });
        Validator = new ProxmoxCertificateValidator(Options);
        Http = ProxmoxHttpClientFactory.Create(Options, Validator, time ?? Time, new RecordingHandler(this) { InnerHandler = Mock });
        Client = new ProxmoxClient(new ProxmoxHttp(Http));
    }

    public ObservedTime Time { get; } = new();

    public ProxmoxOptions Options { get; }

    public ProxmoxCertificateValidator Validator { get; }

    public MockHttpMessageHandler Mock { get; }

    public HttpClient Http { get; }

    public ProxmoxClient Client { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    /// <summary>Requests other than the password login.</summary>
    public IReadOnlyList<RecordedRequest> ApiRequests => [.. requests.Where(r => r.Path != "/api2/json/access/ticket")];

    public IReadOnlyList<RecordedRequest> Logins => [.. requests.Where(r => r.Path == "/api2/json/access/ticket")];

    /// <summary>Leave out the credential checks on dispose (tests that send wrong credentials on purpose).</summary>
    public bool SkipCredentialChecks { get; set; }

    public RecordedRequest Only() => Assert.Single(Requests);

    public int Count(HttpMethod method, string path) =>
        requests.Count(r => r.Method == method.Method && r.Path == RecordedRequest.ApiPrefix + path);

    /// <summary>A route: method and escaped path below /api2/json (no query); answer it with the Respond* helpers.</summary>
    public MockedRequest On(HttpMethod method, string path)
    {
        var route = new MockedRequest();
        route.With(r => r.Method == method && r.RequestUri?.AbsolutePath == RecordedRequest.ApiPrefix + path);
        Mock.AddBackendDefinition(route);
        return route;
    }

    /// <summary>A route whose replies are scripted (answer, throw, hang) and which counts its calls.</summary>
    public ScriptedRoute On(HttpMethod method, string path, params ScriptedRoute.Reply[] replies)
    {
        var route = new ScriptedRoute(method, path, replies);
        scripted.Enqueue(route);
        return route;
    }

    /// <summary>The password login route, answering with a ticket (and NeedTFA when asked).</summary>
    public MockedRequest OnLogin(string ticket = Ticket, string csrf = Csrf, bool needTfa = false) =>
        On(HttpMethod.Post, "/access/ticket").RespondData(
            $$"""{"username":"root@pam","ticket":"{{ticket}}","CSRFPreventionToken":"{{csrf}}"{{(needTfa ? ",\"NeedTFA\":1" : "")}}}""");

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Http.Dispose();
        Mock.Dispose();
        Assert.True(unexpected.IsEmpty, "Unexpected requests: " + string.Join("; ", unexpected));
        if (!SkipCredentialChecks)
        {
            CheckCredentials();
        }
    }

    private void CheckCredentials()
    {
        foreach (var request in requests)
        {
            if (Options.AuthMode == ProxmoxAuthMode.Token)
            {
                Assert.Equal([$"PVEAPIToken={Options.FullTokenId}={Options.TokenSecret}"], request.HeaderValues("Authorization"));
                Assert.Empty(request.HeaderValues("Cookie"));
                Assert.Empty(request.HeaderValues("CSRFPreventionToken"));
            }
            else if (request.Path == "/api2/json/access/ticket")
            {
                Assert.Empty(request.HeaderValues("Cookie"));
                Assert.Empty(request.HeaderValues("Authorization"));
            }
            else
            {
                var cookie = Assert.Single(request.HeaderValues("Cookie"));
                Assert.StartsWith("PVEAuthCookie=", cookie, StringComparison.Ordinal);
                Assert.Empty(request.HeaderValues("Authorization"));
                if (request.Method == "GET")
                {
                    Assert.Empty(request.HeaderValues("CSRFPreventionToken"));
                }
                else
                {
                    Assert.Single(request.HeaderValues("CSRFPreventionToken"));
                }
            }
        }
    }

    private sealed class RecordingHandler(PveMock owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.SelectMany(h => h.Value).ToArray(), StringComparer.OrdinalIgnoreCase);
            var recorded = new RecordedRequest(request.Method.Method, request.RequestUri!, body, request.Content?.Headers.ContentType?.MediaType, headers);
            owner.requests.Enqueue(recorded);
            CallLog.Add(recorded);
            return owner.scripted.FirstOrDefault(r => r.Matches(request)) is { } route
                ? await route.SendAsync(request, cancellationToken)
                : await base.SendAsync(request, cancellationToken);
        }
    }
}

public sealed class UnexpectedRequestException : Exception
{
    public UnexpectedRequestException()
    {
    }

    public UnexpectedRequestException(string message)
        : base(message)
    {
    }

    public UnexpectedRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

public static class PveResponses
{
    /// <summary>200 with <c>{"data": dataJson}</c> (and PVE's paging <c>total</c> when given).</summary>
    public static MockedRequest RespondData(this MockedRequest route, string dataJson, int? total = null)
    {
        ArgumentNullException.ThrowIfNull(route);
        var body = total is null ? $"{{\"data\":{dataJson}}}" : $"{{\"data\":{dataJson},\"total\":{total}}}";
        route.Respond(_ => Json(HttpStatusCode.OK, null, body));
        return route;
    }

    /// <summary>200 with a sample body from tests/contract/pve-api/samples.</summary>
    public static MockedRequest RespondSample(this MockedRequest route, string sample)
    {
        ArgumentNullException.ThrowIfNull(route);
        var body = Samples.Read(sample);
        route.Respond(_ => Json(HttpStatusCode.OK, null, body));
        return route;
    }

    /// <summary>An error sample (<c>error-*.json</c>: status, reason phrase, headers, body) replayed exactly.</summary>
    public static MockedRequest RespondErrorSample(this MockedRequest route, string sample)
    {
        ArgumentNullException.ThrowIfNull(route);
        var error = Samples.Error(sample);
        route.Respond(_ => error.ToResponse());
        return route;
    }

    public static MockedRequest RespondStatus(this MockedRequest route, int status, string reason, string? body = null)
    {
        ArgumentNullException.ThrowIfNull(route);
        route.Respond(_ => Json((HttpStatusCode)status, reason, body));
        return route;
    }

    /// <summary>Answers each call with the next responder; the last one repeats.</summary>
    public static MockedRequest RespondInTurn(this MockedRequest route, params Func<HttpResponseMessage>[] responders)
    {
        ArgumentNullException.ThrowIfNull(route);
        var calls = 0;
        route.Respond(_ => responders[Math.Min(Interlocked.Increment(ref calls) - 1, responders.Length - 1)]());
        return route;
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string? reason, string? body)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body ?? "")) };
        if (reason is not null)
        {
            response.ReasonPhrase = reason;
        }

        if (body is not null)
        {
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        return response;
    }

    public static HttpResponseMessage Data(string dataJson) => Json(HttpStatusCode.OK, null, $"{{\"data\":{dataJson}}}");
}
