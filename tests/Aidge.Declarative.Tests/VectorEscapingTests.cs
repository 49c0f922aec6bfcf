using System;
using System.Linq;
using System.Runtime.Intrinsics;
using System.Text;
using Aidge.Declarative.Serialization;
using Xunit;

namespace Aidge.Declarative.Tests;

/// <summary>
/// The runtime's net8.0 escaping checks and narrows printable ASCII a vector at a time (64, 32 or 16 chars per step as the
/// machine allows, 8 at the least) and takes the tail as a vector overlapping what was copied. Every char that must not be
/// copied as it is, at every position of values of every length across those widths, against an escaper written here
/// char by char from the JSON grammar.
/// </summary>
public class VectorEscapingTests
{
    // Each must end a verbatim run (escaped, or not ASCII), but for the last three: the ends of the verbatim range.
    private static readonly string[] s_specials =
    {
        "\"", "\\", "\u0000", "\u0001", "\n", "\u001F", "\u0080", "\u00E9", "\u00FF", "\u0100", "\u0141", "\u4E2D", "\u7FFF", "\u8000", "\u8020", "\uFF41", "\uFFFF", "\uD83D\uDE00", " ", "~", "\u007F",
    };

    [Fact]
    public void Every_special_char_at_every_position_is_escaped_as_the_grammar_says()
    {
        Assert.True(Vector128.IsHardwareAccelerated, "This machine has no 128-bit vectors: the vector path is not being tested.");
        int checkedTexts = 0;
        for (int length = 1; length <= 140; length++)
        {
            string plain = Plain(length);
            foreach (string special in s_specials)
            {
                for (int at = 0; at + special.Length <= length; at++)
                {
                    string text = plain.Substring(0, at) + special + plain.Substring(at + special.Length);
                    Check(text, twice: false);
                    Check(text, twice: true);
                    checkedTexts++;
                }
            }
        }

        Assert.True(checkedTexts > 150_000);
    }

    [Theory]
    [InlineData(512)]
    [InlineData(256)]
    [InlineData(128)]
    public void Each_vector_width_stops_at_the_first_char_to_escape_and_copies_the_run_before_it(int vectorBits)
    {
        // Whatever this machine accelerates, each width runs (unaccelerated ones in software): CI machines differ.
        int step = vectorBits == 128 ? 8 : vectorBits / 8;
        for (int length = step; length <= 3 * step + 5; length++)
        {
            string plain = Plain(length);
            var room = new byte[length + 16];
            Assert.Equal(length, JsonEscaping.CopyVerbatim(plain.AsSpan(), room.AsSpan(0, length), vectorBits));
            Assert.Equal(Encoding.ASCII.GetBytes(plain), room.Take(length));
            Assert.All(room.Skip(length), b => Assert.Equal(0, b));

            foreach (string special in s_specials.Where(s => s is not (" " or "~" or "\u007F")))
            {
                for (int at = 0; at + special.Length <= length; at++)
                {
                    string text = plain.Substring(0, at) + special + plain.Substring(at + special.Length);
                    Array.Clear(room);
                    int copied = JsonEscaping.CopyVerbatim(text.AsSpan(), room.AsSpan(0, length), vectorBits);
                    Assert.True(at == copied, $"{vectorBits} bits, {length} chars, {Describe(special)} at {at}: copied {copied}.");
                    Assert.Equal(Encoding.ASCII.GetBytes(plain.Substring(0, at)), room.Take(at));
                    Assert.All(room.Skip(length), b => Assert.Equal(0, b));
                }
            }
        }
    }

    [Theory]
    [InlineData(512)]
    [InlineData(256)]
    [InlineData(128)]
    public void Each_vector_width_tells_every_char_as_the_grammar_does(int vectorBits)
    {
        // Every UTF-16 code unit, in the middle of a run of two steps: copied through when a JSON string holds it as it
        // is (what the reference escaper leaves as one byte), the run stopped right before it otherwise.
        int length = vectorBits == 128 ? 16 : vectorBits / 4;
        int at = (length / 2) + 3;
        char[] text = Plain(length).ToCharArray();
        var room = new byte[length];
        int verbatim = 0;
        for (int c = 0; c <= char.MaxValue; c++)
        {
            text[at] = (char)c;
            bool holdsAsIs = Reference(((char)c).ToString(), twice: false).Length == 1;
            int copied = JsonEscaping.CopyVerbatim(text, room, vectorBits);
            Assert.True(copied == (holdsAsIs ? length : at), $"{vectorBits} bits: U+{c:X4} at {at}: copied {copied}.");
            verbatim += holdsAsIs ? 1 : 0;
        }

        // The space to DEL, less the quote and the backslash.
        Assert.Equal(94, verbatim);
    }

    [Fact]
    public void Two_specials_close_together_anywhere_in_a_long_run()
    {
        string plain = Plain(200);
        for (int first = 0; first < 130; first++)
        {
            for (int gap = 1; gap < 70; gap++)
            {
                char[] chars = plain.ToCharArray();
                chars[first] = '"';
                chars[first + gap] = '\u00E9';
                Check(new string(chars), twice: true);
            }
        }
    }

    [Fact]
    public void Given_room_a_little_at_a_time_the_bytes_are_the_same_and_nothing_is_written_past_the_room()
    {
        // As the writer's checked path calls it: a span of some size, then the rest of the text into the next one.
        string text = Plain(300) + "\"x\u00E9" + Plain(90) + "\\" + Plain(7);
        byte[] expected = Reference(text, twice: true);
        for (int room = JsonEscaping.MaxBytesPerChar; room <= 140; room++)
        {
            var output = new System.Collections.Generic.List<byte>();
            ReadOnlySpan<char> rest = text.AsSpan();
            while (!rest.IsEmpty)
            {
                byte[] buffer = Enumerable.Repeat((byte)0xEE, room + 80).ToArray();
                JsonEscaping.Escape(rest, buffer.AsSpan(0, room), twice: true, out int consumed, out int written);
                Assert.True(consumed > 0, $"Nothing was consumed with {room} bytes of room.");
                Assert.All(buffer.Skip(room), b => Assert.Equal(0xEE, b));
                output.AddRange(buffer.Take(written));
                rest = rest.Slice(consumed);
            }

            Assert.Equal(expected, output.ToArray());
        }
    }

    [Fact]
    public void A_run_stops_where_the_room_ends_and_says_how_far_it_got()
    {
        string text = Plain(100);
        var buffer = new byte[37];

        JsonEscaping.Escape(text.AsSpan(), buffer, twice: false, out int consumed, out int written);

        Assert.Equal(37, consumed);
        Assert.Equal(37, written);
        Assert.Equal(Encoding.ASCII.GetBytes(text.Substring(0, 37)), buffer);
    }

    [Fact]
    public void An_unpaired_surrogate_after_a_long_run_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Escape(Plain(100) + '\uDC00' + Plain(10), twice: false));
        Assert.Throws<ArgumentException>(() => Escape(Plain(100) + '\uD83D', twice: false));
        Assert.Throws<ArgumentException>(() => EscapeAll(Plain(100) + '\uDC00' + Plain(10), twice: true));
    }

    // Escape, and EscapeAll (what the writer calls when it has made room for the whole value).
    private static void Check(string text, bool twice)
    {
        byte[] expected = Reference(text, twice);
        foreach ((string method, byte[] actual) in new[] { ("Escape", Escape(text, twice)), ("EscapeAll", EscapeAll(text, twice)) })
        {
            if (!expected.AsSpan().SequenceEqual(actual))
            {
                Assert.Fail($"{method}, {(twice ? "twice" : "once")}: {Describe(text)} became\n{Encoding.UTF8.GetString(actual)}\nnot\n{Encoding.UTF8.GetString(expected)}");
            }
        }
    }

    private static byte[] EscapeAll(string text, bool twice)
    {
        var buffer = new byte[text.Length * JsonEscaping.MaxBytesPerChar];
        int written = JsonEscaping.EscapeAll(text.AsSpan(), buffer, twice);
        return buffer.AsSpan(0, written).ToArray();
    }

    private static byte[] Escape(string text, bool twice)
    {
        var buffer = new byte[(text.Length + 1) * JsonEscaping.MaxBytesPerChar];
        JsonEscaping.Escape(text.AsSpan(), buffer, twice, out int consumed, out int written);
        Assert.Equal(text.Length, consumed);
        return buffer.AsSpan(0, written).ToArray();
    }

    // Printable ASCII that needs no escape, cycling, so that a misplaced byte shows.
    private static string Plain(int length) =>
        new(Enumerable.Range(0, length).Select(i => "abcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%"[i % 59]).ToArray());

    // The grammar, a char at a time: quote and backslash and the controls escaped (short forms where JSON has them,
    // otherwise \u00XX in upper case), everything else as UTF-8. Twice is the once-escaped text escaped again.
    private static byte[] Reference(string text, bool twice) =>
        Encoding.UTF8.GetBytes(twice ? EscapeOnce(EscapeOnce(text)) : EscapeOnce(text));

    private static string EscapeOnce(string text)
    {
        var escaped = new StringBuilder();
        foreach (char c in text)
        {
            escaped.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => "\\u00" + ((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    private static string Describe(string text) =>
        "\"" + string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}")) + $"\" ({text.Length} chars)";
}
