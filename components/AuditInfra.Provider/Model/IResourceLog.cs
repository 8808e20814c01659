namespace AuditInfra.Provider.Model;

/// <summary>Messages a user must see, shown by the Pulumi CLI under the resource (the plugin's own output is hidden).</summary>
public interface IResourceLog
{
    Task InfoAsync(string message, CancellationToken cancellationToken);

    Task WarningAsync(string message, CancellationToken cancellationToken);
}
