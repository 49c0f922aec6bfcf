using System;
using System.Collections.Generic;
using System.ComponentModel;
using Aidge.Declarative.Serialization;

namespace Aidge.Declarative.Validation
{
    /// <summary>
    /// Checks the values of one request against <see cref="TryOnRules"/>: what the generated
    /// <c>Validate()</c> calls, member by member, for what cannot be known at compile time.
    /// Not meant to be used by hand.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public struct TryOnValidator
    {
        private List<TryOnProblem>? _problems;
        private List<(string Member, GarmentType? Type)>? _garments;
        private int _modelImages;

        /// <summary>Checks one garment member; a null URL means the garment is not sent.</summary>
        public void Garment(string member, string? url, GarmentType? type)
        {
            if (url is null)
            {
                return;
            }

            (_garments ??= new List<(string, GarmentType?)>(2)).Add((member, type));
            CheckUrl(member, url);
        }

        /// <summary>Checks one garment member held as a <see cref="Uri"/>.</summary>
        public void Garment(string member, Uri? url, GarmentType? type) => Garment(member, url?.OriginalString, type);

        /// <summary>Checks one model image; a null URL is not sent.</summary>
        public void ModelImage(string member, string? url)
        {
            if (url is not null)
            {
                _modelImages++;
                CheckUrl(member, url);
            }
        }

        /// <summary>Checks one model image held as a <see cref="Uri"/>.</summary>
        public void ModelImage(string member, Uri? url) => ModelImage(member, url?.OriginalString);

        /// <summary>Checks a collection of model images.</summary>
        public void ModelImages(string member, IEnumerable<string?>? urls)
        {
            if (urls is not null)
            {
                foreach (string? url in urls)
                {
                    ModelImage(member, url);
                }
            }
        }

        /// <summary>Checks a collection of model images held as <see cref="Uri"/>s.</summary>
        public void ModelImages(string member, IEnumerable<Uri?>? urls)
        {
            if (urls is not null)
            {
                foreach (Uri? url in urls)
                {
                    ModelImage(member, url?.OriginalString);
                }
            }
        }

        /// <summary>Checks the generateCount that will be sent; null means none is sent.</summary>
        public void GenerateCount(string member, int? value)
        {
            if (value is { } count && !TryOnRules.IsValidGenerateCount(count))
            {
                Add(TryOnRules.RuleIds.GenerateCountOutOfRange, member, TryOnRules.Messages.GenerateCount(count));
            }
        }

        /// <summary>Checks what needs the whole request (the suit, the image count) and returns every problem found.</summary>
        public IReadOnlyList<TryOnProblem> Finish()
        {
            CheckSuit();
            if (!TryOnRules.IsValidModelImageCount(_modelImages))
            {
                Add(TryOnRules.RuleIds.TooManyModelImages, null, TryOnRules.Messages.TooManyModelImages(_modelImages));
            }

            return (IReadOnlyList<TryOnProblem>?)_problems ?? Array.Empty<TryOnProblem>();
        }

        private void CheckSuit()
        {
            if (_garments is null)
            {
                Add(TryOnRules.RuleIds.NoGarment, null, TryOnRules.Messages.NoGarment);
            }
            else if (TryOnRules.FindSuitProblem(_garments, static g => g.Type, static g => g.Member) is var (check, message))
            {
                Add(TryOnRules.RuleIds.InvalidSuit, _garments[check.OffendingIndex].Member, message);
            }
        }

        private void CheckUrl(string member, string url)
        {
            if (TryOnRules.CheckImageUrl(member, url) is var (ruleId, message))
            {
                Add(ruleId, member, message);
            }
        }

        private void Add(string ruleId, string? member, string message) =>
            (_problems ??= new List<TryOnProblem>()).Add(new TryOnProblem(ruleId, member, message));
    }
}
