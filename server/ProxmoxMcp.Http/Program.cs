using ProxmoxMcp.Http;

return await HttpCli.Create().Parse(args).InvokeAsync();
