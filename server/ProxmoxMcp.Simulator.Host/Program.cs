Console.Error.WriteLine("pve-sim: not yet");
