using ProxmoxMcp.Server.CommandLine;
using ProxmoxMcp.Server.Hosting;

StartupTrace.Mark("main");
return await Cli.Create().Parse(args).InvokeAsync();
