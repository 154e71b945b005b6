using System.Net.Http.Headers;
using System.Text;

namespace ProxmoxMcp.Proxmox.Http;

internal static class FormContent
{
    private static readonly MediaTypeHeaderValue FormMediaType = new("application/x-www-form-urlencoded");

    public static HttpContent Create(PveParameters parameters)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(parameters.Encode()));
        content.Headers.ContentType = FormMediaType;
        return content;
    }
}
