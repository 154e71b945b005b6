namespace ProxmoxMcp.Proxmox.Tests.Support;

/// <summary>Exact checks of a recorded request: method, escaped path and query as on the wire, and form body.</summary>
public static class RequestAssertions
{
    /// <summary>A GET with <paramref name="pathAndQuery"/> (below /api2/json, escaped) and no body.</summary>
    public static void ShouldBeGet(this RecordedRequest request, string pathAndQuery) => Bodyless(request, "GET", pathAndQuery);

    /// <summary>A DELETE with <paramref name="pathAndQuery"/> (below /api2/json, escaped) and no body.</summary>
    public static void ShouldBeDelete(this RecordedRequest request, string pathAndQuery) => Bodyless(request, "DELETE", pathAndQuery);

    /// <summary>A POST to <paramref name="path"/> with no query and exactly this urlencoded form body.</summary>
    public static void ShouldBePost(this RecordedRequest request, string path, string form) => WithForm(request, "POST", path, form);

    /// <summary>A PUT to <paramref name="path"/> with no query and exactly this urlencoded form body.</summary>
    public static void ShouldBePut(this RecordedRequest request, string path, string form) => WithForm(request, "PUT", path, form);

    private static void Bodyless(RecordedRequest request, string method, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(request);
        Assert.Equal(method, request.Method);
        Assert.Equal(RecordedRequest.ApiPrefix + pathAndQuery, request.PathAndQuery);
        Assert.Null(request.Body);
        Assert.Null(request.ContentType);
    }

    private static void WithForm(RecordedRequest request, string method, string path, string form)
    {
        ArgumentNullException.ThrowIfNull(request);
        Assert.Equal(method, request.Method);
        Assert.Equal(RecordedRequest.ApiPrefix + path, request.PathAndQuery);
        Assert.Equal(PveMock.FormType, request.ContentType);
        Assert.Equal(form, request.Body);
    }
}
