using ProxmoxMcp.Server.CommandLine;

return await Cli.Create().Parse(args).InvokeAsync();
