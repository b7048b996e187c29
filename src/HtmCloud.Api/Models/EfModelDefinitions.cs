using HtmCloud.Data;
using HtmCloud.Grains.Ports;
using Microsoft.EntityFrameworkCore;

namespace HtmCloud.Api.Models;

/// <summary>The grains' port onto the models table.</summary>
public sealed class EfModelDefinitions(IServiceScopeFactory scopes) : IModelDefinitions
{
    public async Task<string?> GetGraphJsonAsync(Guid modelId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HtmDbContext>();
        return await db.Models.AsNoTracking().Where(m => m.Id == modelId).Select(m => m.GraphJson).FirstOrDefaultAsync(cancellationToken);
    }
}
