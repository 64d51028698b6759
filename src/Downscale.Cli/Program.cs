using Downscale.Cli;

return DownscaleApp.Run(args);
