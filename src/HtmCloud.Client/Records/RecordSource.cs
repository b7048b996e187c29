namespace HtmCloud.Client.Records;

/// <summary>
/// The caller's records, pulled one at a time across several requests: a record asked for but not yet produced
/// stays pending for the next request. A failure of the source is kept and rethrown after the results before it.
/// </summary>
internal sealed class RecordSource<TRecord> : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly IAsyncEnumerator<TRecord> _records;
    private Task<bool>? _pending;
    private bool _finished;

    public RecordSource(IAsyncEnumerable<TRecord> records, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _records = records.GetAsyncEnumerator(_stop.Token);
    }

    /// <summary>Records handed out so far.</summary>
    public long Taken { get; private set; }

    public Exception? Failure { get; private set; }

    /// <summary>The next record's arrival: true when there is one to <see cref="Take"/>.</summary>
    public Task<bool> NextAsync() => _finished ? Task.FromResult(false) : _pending ??= MoveNextAsync();

    public TRecord Take()
    {
        _pending = null;
        Taken++;
        return _records.Current;
    }

    public void ThrowIfFailed()
    {
        if (Failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(Failure);
    }

    public async ValueTask DisposeAsync()
    {
        // An iterator may not be disposed while a MoveNext is running: cancel it and let it end first.
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_pending is not null) await _pending.ConfigureAwait(false);
        await _records.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task<bool> MoveNextAsync()
    {
        try
        {
            if (await _records.MoveNextAsync().ConfigureAwait(false)) return true;
        }
        catch (Exception e) when (!_stop.IsCancellationRequested || e is not OperationCanceledException)
        {
            Failure = e;
        }
        catch (OperationCanceledException)
        {
            // Cancelled by the caller or by disposal: the stream simply ends.
        }
        _finished = true;
        return false;
    }
}
