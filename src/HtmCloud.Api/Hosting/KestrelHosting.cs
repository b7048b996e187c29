using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace HtmCloud.Api.Hosting;

public static class KestrelHosting
{
    public const long DefaultMaxRequestBodyBytes = 8 * 1024 * 1024;

    /// <summary>
    /// Request size limit (<c>Limits:MaxRequestBodyBytes</c>) and, when <c>Https:CertificatePath</c> is set,
    /// the certificate every https:// address in <c>Urls</c> serves. See docs/https.md.
    /// </summary>
    public static WebApplicationBuilder AddHtmKestrel(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var configuration = context.Configuration;
            kestrel.Limits.MaxRequestBodySize =
                configuration.GetValue("Limits:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);
            kestrel.AddServerHeader = false;

            var certificate = LoadCertificate(configuration);
            if (certificate is not null)
            {
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }
        });
        return builder;
    }

    /// <summary>True when this host terminates TLS itself (a certificate is configured).</summary>
    public static bool HttpsConfigured(this IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Https:CertificatePath"]);

    private static X509Certificate2? LoadCertificate(IConfiguration configuration)
    {
        if (!configuration.HttpsConfigured())
        {
            return null;
        }

        var path = configuration["Https:CertificatePath"]!;
        var keyPath = configuration["Https:KeyPath"];
        var password = configuration["Https:CertificatePassword"];
        // PEM certificate + key (e.g. from an ACME client), else a PKCS#12 (.pfx) file with an optional password.
        return string.IsNullOrWhiteSpace(keyPath)
            ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
            : X509Certificate2.CreateFromPemFile(path, keyPath);
    }
}
