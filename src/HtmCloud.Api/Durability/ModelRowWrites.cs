using HtmCloud.Data;
using HtmCloud.Grains.Graphs;
using Microsoft.EntityFrameworkCore;

namespace HtmCloud.Api.Durability;

/// <summary>Saves rows that belong to a model, telling a model deleted meanwhile from any other failure.</summary>
internal static class ModelRowWrites
{
    public static async Task SaveForModelAsync(this HtmDbContext db, Guid modelId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The foreign key refused the row because the model row is gone: the grains report it as deleted.
            if (!await db.Models.AsNoTracking().AnyAsync(m => m.Id == modelId, cancellationToken)) throw new ModelNotFoundException(modelId);
            throw;
        }
    }
}
