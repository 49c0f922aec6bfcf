using System;
using System.Buffers;
using System.Text;
using Aidge.Declarative;
using Aidge.Declarative.Sample;
using Aidge.Declarative.Serialization;

// What the generator makes of three declared looks: the exact requestParams each sends to Aidge.
Console.WriteLine("Aidge.Declarative sample: the requestParams generated for three declared looks (nothing is sent).");
Console.WriteLine();

var top = new LibraryModelTop("https://ae-pic-a1.aliexpress-media.com/kf/H7588ee37b7674fea814b55f2f516fda1z.jpg");
var suit = new SummerSuit("https://img.example.com/linen-shirt.jpg", "https://img.example.com/chino-shorts.jpg");
var dress = new DressOnOwnPhotos(
    new Uri("https://img.example.com/summer-dress.jpg"),
    new[] { "https://photos.example.com/me-front.jpg?sig=a%2Fb&exp=1", "https://photos.example.com/me-side.jpg" },
    Pictures: 2);

Show("One top on a library model", top);
Show("A tops + bottoms suit on James", suit);
Show("A dress on the shopper's own photos (pro)", dress);

// Several requests of one edition can go as the sub-tasks of one task; the body is written in one pass.
var body = new ArrayBufferWriter<byte>();
TryOnSerializer.WriteRequestBody(body, new ITryOnRequest[] { top, suit });
Console.WriteLine("A batch of two, as the submit body for " + TryOnRules.SubmitApiName(TryOnEdition.Standard) + ":");
Console.WriteLine("  " + Encoding.UTF8.GetString(body.WrittenSpan));

static void Show(string title, ITryOnRequest request)
{
    Console.WriteLine($"{title} -> {TryOnRules.SubmitApiName(request.Edition)}");
    Console.WriteLine("  " + request.ToRequestParams());
    Console.WriteLine();
}
