// Writes one line, as '--version' does, and exits.
Console.WriteLine("0.0.0");
