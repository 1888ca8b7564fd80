using System.Net;
using System.Net.Sockets;

namespace Boundary.Tests.Support;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of moto that passes requests through until moto has answered one,
/// then holds every later request: neither forwarded nor answered, the connection left open. An AWS
/// that stops responding in the middle of a run, to interrupt the run while a call is in flight.
/// </summary>
public sealed class StallingProxy : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int targetPort;
    private readonly List<TcpClient> connections = [];
    private readonly TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int answered;

    public StallingProxy(int targetPort)
    {
        this.targetPort = targetPort;
        listener.Start();
        _ = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    /// <summary>Completes when a request is being held: the run got an answer from moto and now waits on the next one.</summary>
    public Task Held => held.Task;

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync();
                var target = new TcpClient();
                lock (connections)
                    connections.AddRange([client, target]);
                await target.ConnectAsync(IPAddress.Loopback, targetPort);
                _ = PumpAsync(client.GetStream(), target.GetStream(), toMoto: true);
                _ = PumpAsync(target.GetStream(), client.GetStream(), toMoto: false);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            // Disposed: the test is over.
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool toMoto)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer);
                if (read == 0)
                    return;
                if (toMoto && Volatile.Read(ref answered) == 1)
                {
                    held.TrySetResult();
                    return; // held: the request goes nowhere and nothing answers it
                }
                if (!toMoto)
                    Volatile.Write(ref answered, 1);
                await to.WriteAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            // A side closed its connection.
        }
    }

    public void Dispose()
    {
        listener.Stop();
        lock (connections)
            foreach (var connection in connections)
                connection.Dispose();
    }
}
