using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using HtmCloud.Api.Live;
using HtmCloud.Api.Models;
using HtmCloud.Api.Telemetry;
using HtmCloud.Contracts;
using HtmCloud.Grains.Graphs;
using HtmCloud.Grains.Models;
using Microsoft.AspNetCore.Mvc;

namespace HtmCloud.Api.Records;

/// <summary>
/// NDJSON in, NDJSON out, while the request is open: one record object per line; the lines that have arrived
/// are processed together and their results written at once. A bad line ends the stream with a final line
/// <c>{"error":{…validation problem…}}</c> naming <c>records[i]</c>; everything before it is kept.
/// </summary>
public static class RecordStream
{
    private const int MaxChunk = 500;
    private const int MaxLineBytes = 1 << 20;
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static async Task<IResult> RunAsync(HttpContext http, CompiledGraph graph, IModelGrain grain, ModelLimits limits, HtmMetrics metrics, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = RecordsApi.NdjsonContentType;
        await http.Response.StartAsync(cancellationToken);
        var reader = http.Request.BodyReader;
        var pending = new List<Dictionary<string, JsonElement>?>();
        long next = 0;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            string? failure = null;
            while (failure is null && TryTakeLine(ref buffer, read.IsCompleted, out var line))
            {
                if (line.IsEmpty || IsBlank(line)) continue;
                var (record, error) = RecordParser.ParseLine(Encoding.UTF8.GetString(line));
                if (record is null) failure = await FlushAsync(http, graph, grain, pending, next, metrics, cancellationToken) ?? $"records[{next}]|{error}";
                else { pending.Add(record); next++; }
                if (pending.Count == MaxChunk) failure ??= await FlushAsync(http, graph, grain, pending, next, metrics, cancellationToken);
            }
            if (failure is null && buffer.Length > MaxLineBytes) failure = $"records[{next}]|is longer than {MaxLineBytes} bytes";
            reader.AdvanceTo(buffer.Start, buffer.End);
            failure ??= await FlushAsync(http, graph, grain, pending, next, metrics, cancellationToken);
            if (failure is not null)
            {
                int bar = failure.IndexOf('|');
                await WriteErrorAsync(http, failure[..bar], failure[(bar + 1)..], cancellationToken);
                return Results.Empty;
            }
            if (read.IsCompleted) return Results.Empty;
        }
    }

    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, bool completed, out ReadOnlySequence<byte> line)
    {
        var end = buffer.PositionOf((byte)'\n');
        if (end is null)
        {
            line = buffer;
            if (!completed || buffer.IsEmpty) return false;
            buffer = buffer.Slice(buffer.End);
            return true;
        }
        line = buffer.Slice(0, end.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
        return true;
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
            foreach (byte b in segment.Span)
                if (b is not ((byte)' ' or (byte)'\r' or (byte)'\t')) return false;
        return true;
    }

    // Processes the pending records (the last `pending.Count` before index `next`); returns "field|message" on a bad one.
    private static async Task<string?> FlushAsync(
        HttpContext http, CompiledGraph graph, IModelGrain grain, List<Dictionary<string, JsonElement>?> pending, long next, HtmMetrics metrics, CancellationToken cancellationToken)
    {
        if (pending.Count == 0) return null;
        long first = next - pending.Count;
        var (batch, parseError) = RecordParser.Parse(graph, pending);
        var inputs = pending.ToArray();
        pending.Clear();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = batch.Count > 0 ? await grain.ProcessAsync(batch, null) : new BatchOutcome([], null);
        metrics.RecordsProcessed.Add(outcome.Results.Length);
        metrics.RecordBatchDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        var results = outcome.Results.Select(r => ResultMapper.ToResult(r, graph)).ToArray();
        http.RequestServices.GetRequiredService<ILiveResults>().Publish(grain.GetPrimaryKey(), results, inputs);
        // Webhooks (issue 6): the chunk's deliveries are written (one insert) before its results go out; Hangfire sends them later.
        await http.RequestServices.GetRequiredService<Webhooks.WebhookDispatcher>().EnqueueAsync(Auth.TenantClaims.TenantId(http.User), grain.GetPrimaryKey(), results);
        foreach (var result in results)
        {
            await JsonSerializer.SerializeAsync(http.Response.Body, result, HtmJson.Options, cancellationToken);
            await http.Response.Body.WriteAsync(NewLine, cancellationToken);
        }
        await http.Response.Body.FlushAsync(cancellationToken);
        var error = parseError ?? outcome.Error;
        if (error is null) return null;
        string field = error.Field.Length == 0 ? $"records[{first + error.Index}]" : $"records[{first + error.Index}].{error.Field}";
        return $"{field}|{error.Message}";
    }

    private static async Task WriteErrorAsync(HttpContext http, string field, string message, CancellationToken cancellationToken)
    {
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = "The stream stopped at this record; every result above was processed and kept.",
        };
        await JsonSerializer.SerializeAsync(http.Response.Body, new { error = problem }, HtmJson.Options, cancellationToken);
        await http.Response.Body.WriteAsync(NewLine, cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
