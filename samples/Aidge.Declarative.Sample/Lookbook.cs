using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative;

namespace Aidge.Declarative.Sample;

/// <summary>
/// The sample's typed client: declared here, implemented by the source generator, obtained with
/// <c>client.CreateApi&lt;ILookbook&gt;()</c>. Each method hands back each look with its own pictures.
/// </summary>
[TryOnApi]
public interface ILookbook
{
    /// <summary>One top: submit, wait, and its pictures.</summary>
    Task<TryOnResult<LibraryModelTop>> TryOnAsync(LibraryModelTop look, IProgress<TryOnResult<LibraryModelTop>>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Several suits as one task: a sub-task each.</summary>
    Task<TryOnOperation<SummerSuit>> SubmitAsync(IReadOnlyList<SummerSuit> looks, CancellationToken cancellationToken = default);

    /// <summary>A dress on the shopper's photos, on the pro edition.</summary>
    Task<TryOnResult<DressOnOwnPhotos>> TryOnAsync(DressOnOwnPhotos look, IProgress<TryOnResult<DressOnOwnPhotos>>? progress = null, CancellationToken cancellationToken = default);
}
