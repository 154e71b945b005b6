using ProxmoxMcp.Server.CommandLine;
using ProxmoxMcp.Server.Hosting;

StartupTrace.Mark("main");
NativeStartup.ReleaseStartupPages();
return await Cli.Create().Parse(args).InvokeAsync();
