namespace ComplianceScanner.Agent.Tests.Agent;

public sealed class ProtoWireTests
{
    [Fact]
    public void Strings_along_a_field_path_are_found_and_other_fields_of_every_wire_type_are_skipped()
    {
        // Outer { 1: Inner { 3: varint 150, 2: "scan", 4: fixed64, 5: fixed32 }, 1: Inner { 2: "other" }, 7: "not this" }
        byte[] inner1 = [0x18, 0x96, 0x01, 0x12, 0x04, (byte)'s', (byte)'c', (byte)'a', (byte)'n', 0x21, 1, 2, 3, 4, 5, 6, 7, 8, 0x2D, 1, 2, 3, 4];
        byte[] inner2 = [0x12, 0x05, (byte)'o', (byte)'t', (byte)'h', (byte)'e', (byte)'r'];
        byte[] outer = [0x0A, (byte)inner1.Length, .. inner1, 0x0A, (byte)inner2.Length, .. inner2, 0x3A, 0x08, .. "not this"u8];

        Assert.Equal(["scan", "other"], ProtoWire.Strings(outer, 1, 2));
        Assert.Equal(["not this"], ProtoWire.Strings(outer, 7));
        Assert.Empty(ProtoWire.Strings(outer, 1, 9));
    }
}
