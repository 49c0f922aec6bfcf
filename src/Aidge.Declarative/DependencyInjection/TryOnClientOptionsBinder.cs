using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Aidge.Declarative.DependencyInjection
{
    /// <summary>
    /// Reads <see cref="TryOnClientOptions"/> from configuration by hand: the reflection binder is not
    /// trim-safe, and this one names every bad value in one message.
    /// </summary>
    internal static class TryOnClientOptionsBinder
    {
        public static void Bind(IConfiguration section, TryOnClientOptions options, List<string> errors)
        {
            Read(section, nameof(TryOnClientOptions.Endpoint), errors, text => Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) ? uri : null, "an absolute URI", value => options.Endpoint = value!);
            Read(section, nameof(TryOnClientOptions.Region), errors, text => Enum.TryParse(text, ignoreCase: true, out AidgeRegion region) && Enum.IsDefined(typeof(AidgeRegion), region) ? region : (AidgeRegion?)null, "Global or China", value => options.Region = value!.Value);
            Read(section, nameof(TryOnClientOptions.UseTrialResource), errors, text => bool.TryParse(text, out bool value) ? value : (bool?)null, "true or false", value => options.UseTrialResource = value!.Value);
            Read(section, nameof(TryOnClientOptions.MaxRetries), errors, text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : (int?)null, "a whole number", value => options.MaxRetries = value!.Value);
            ReadTime(section, nameof(TryOnClientOptions.RequestTimeout), errors, value => options.RequestTimeout = value);
            ReadTime(section, nameof(TryOnClientOptions.RetryDelay), errors, value => options.RetryDelay = value);
            ReadTime(section, nameof(TryOnClientOptions.MaxRetryDelay), errors, value => options.MaxRetryDelay = value);
            Read(section, nameof(TryOnClientOptions.MaxResponseBytes), errors, text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : (int?)null, "a whole number of bytes", value => options.MaxResponseBytes = value!.Value);
            ReadTime(section, nameof(TryOnClientOptions.PollingInterval), errors, value => options.PollingInterval = value);
            ReadTime(section, nameof(TryOnClientOptions.MaxPollingInterval), errors, value => options.MaxPollingInterval = value);
            ReadTime(section, nameof(TryOnClientOptions.PollingTimeout), errors, value => options.PollingTimeout = value);
            Read(section, nameof(TryOnClientOptions.RequestParamsName), errors, text => text, "a name", value => options.RequestParamsName = value!);
            Read(section, nameof(TryOnClientOptions.QueryTaskIdName), errors, text => text, "a name", value => options.QueryTaskIdName = value!);
        }

        private static void ReadTime(IConfiguration section, string key, List<string> errors, Action<TimeSpan> set) =>
            Read(section, key, errors, text => TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan value) ? value : (TimeSpan?)null, "a time span such as 00:00:30", value => set(value!.Value));

        private static void Read<T>(IConfiguration section, string key, List<string> errors, Func<string, T?> parse, string expected, Action<T?> set)
        {
            string? text = section[key];
            if (text is null)
            {
                return;
            }

            T? value = parse(text);
            if (value is null)
            {
                errors.Add(Path(section, key) + " is '" + text + "', but it must be " + expected + ".");
                return;
            }

            set(value);
        }

        public static string Path(IConfiguration section, string key) =>
            section is IConfigurationSection named ? named.Path + ":" + key : key;
    }
}
