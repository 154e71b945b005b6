using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace ProxmoxMcp.Simulator;

/// <summary>HttpMessageHandler that answers from a <see cref="SimulatedCluster"/> in-process (no socket, AOT-safe).</summary>
internal sealed class SimulatedHttpMessageHandler : HttpMessageHandler
{
    private readonly SimulatedCluster _cluster;

    public SimulatedHttpMessageHandler(SimulatedCluster cluster)
    {
        _cluster = cluster;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("request has no URI");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in request.Headers)
        {
            headers[h.Key] = string.Join(h.Key.Equals("Cookie", StringComparison.OrdinalIgnoreCase) ? "; " : ", ", h.Value);
        }

        string? body = null;
        if (request.Content is not null)
        {
            foreach (var h in request.Content.Headers)
            {
                headers[h.Key] = string.Join(", ", h.Value);
            }

            body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!uri.AbsolutePath.StartsWith("/api2/json/", StringComparison.Ordinal) && uri.AbsolutePath != "/api2/json")
        {
            // pve-http-server: a path outside /api2/json has no API formatter
            return new HttpResponseMessage((HttpStatusCode)501)
            {
                ReasonPhrase = "no such uri",
                RequestMessage = request,
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes("no such uri")),
            };
        }

        var sim = new SimulatedRequest(request.Method.Method, uri.AbsolutePath)
        {
            Query = uri.Query.Length > 0 ? uri.Query[1..] : "",
            Body = string.IsNullOrEmpty(body) ? null : body,
            Headers = headers,
        };
        var response = await _cluster.HandleAsync(sim, cancellationToken).ConfigureAwait(false);
        if (response.DropConnection)
        {
            throw new HttpRequestException(
                "An error occurred while sending the request.",
                new IOException("Unable to read data from the transport connection: Connection reset by peer.", new SocketException((int)SocketError.ConnectionReset)),
                statusCode: null);
        }

        var msg = new HttpResponseMessage((HttpStatusCode)response.Status)
        {
            ReasonPhrase = response.ReasonPhrase,
            RequestMessage = request,
            Version = HttpVersion.Version11,
            Content = new ByteArrayContent(response.Body),
        };
        foreach (var (k, v) in response.Headers)
        {
            if (k.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                msg.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(v);
            }
            else
            {
                msg.Headers.TryAddWithoutValidation(k, v);
            }
        }

        msg.Content.Headers.ContentLength = response.Body.Length;
        return msg;
    }
}
