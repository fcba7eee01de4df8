using System.Text;

namespace ComplianceScanner.Agent.Tests.Agent;

/// <summary>
/// Just enough of the protobuf wire format to read names out of OTLP export requests without the generated OTLP
/// types (OpenTelemetry.Proto is not available): walks length-delimited fields along a path of field numbers and
/// returns the strings at its end, skipping every other field by its wire type.
/// </summary>
internal static class ProtoWire
{
    /// <summary>
    /// Span names: ExportTraceServiceRequest.resource_spans(1) / ResourceSpans.scope_spans(2) / ScopeSpans.spans(2) / Span.name(5).
    /// </summary>
    public static IEnumerable<string> SpanNames(byte[] request) => Strings(request, 1, 2, 2, 5);

    /// <summary>
    /// Metric names: ExportMetricsServiceRequest.resource_metrics(1) / ResourceMetrics.scope_metrics(2) / ScopeMetrics.metrics(2) / Metric.name(1).
    /// </summary>
    public static IEnumerable<string> MetricNames(byte[] request) => Strings(request, 1, 2, 2, 1);

    public static List<string> Strings(ReadOnlySpan<byte> message, params int[] path)
    {
        var found = new List<string>();
        Walk(message, path, found);
        return found;
    }

    private static void Walk(ReadOnlySpan<byte> message, ReadOnlySpan<int> path, List<string> found)
    {
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message, ref at);
            var field = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0:
                    Varint(message, ref at);
                    break;
                case 1:
                    at += 8;
                    break;
                case 5:
                    at += 4;
                    break;
                case 2:
                    var length = checked((int)Varint(message, ref at));
                    var value = message.Slice(at, length);
                    at += length;
                    if (field == path[0])
                    {
                        if (path.Length == 1)
                        {
                            found.Add(Encoding.UTF8.GetString(value));
                        }
                        else
                        {
                            Walk(value, path[1..], found);
                        }
                    }

                    break;
                default:
                    throw new FormatException($"unsupported wire type {key & 7} at byte {at}");
            }
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("varint longer than 10 bytes");
    }
}
