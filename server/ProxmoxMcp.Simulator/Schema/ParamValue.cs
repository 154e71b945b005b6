namespace ProxmoxMcp.Simulator.Schema;

/// <summary>A request parameter as decoded from the query/form (string, repeated key) or a JSON body.</summary>
internal sealed class ParamValue
{
    private ParamValue(string? text, IReadOnlyList<string>? list, bool isObject, bool jsonBool)
    {
        Text = text;
        List = list;
        IsObject = isObject;
        IsJsonBool = jsonBool;
    }

    /// <summary>The scalar value (null for a list or an object).</summary>
    public string? Text { get; }

    /// <summary>Values of a repeated key or a JSON array.</summary>
    public IReadOnlyList<string>? List { get; }

    public bool IsObject { get; }

    public bool IsJsonBool { get; }

    public static ParamValue Of(string text) => new(text, null, false, false);

    public static ParamValue OfList(IReadOnlyList<string> list) => new(null, list, false, false);

    public static ParamValue Object() => new(null, null, true, false);

    public static ParamValue JsonBool(bool b) => new(b ? "1" : "0", null, false, true);

    /// <summary>Wire-like text: the scalar, or the list values joined by NUL (like CGI.pm).</summary>
    public string AsText() => Text ?? (List is null ? "" : string.Join('\0', List));

    public override string ToString() => AsText();
}
