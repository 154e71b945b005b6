Console.Error.WriteLine("bridge: not yet");
