import Foundation
import TillConfig

extension ShopStores {
    /// The store `url` names: a PostgreSQL server (`postgresql://USER@HOST[:PORT]/DATABASE`).
    /// - Throws: `ShopStoreError.unavailable` for a URL that is not one (the message never repeats
    ///   a password) or a server that cannot be reached, naming its host and port.
    public static func open(url: String) throws(ShopStoreError) -> any ShopStore {
        guard PostgresLocation.isURL(url) else {
            throw .unavailable(location: PostgresLocation.redacting(url),
                               reason: "the store setting must be a postgresql:// URL (leave it out for this host's own SQLite file)")
        }
        return try PostgresShopStore(url: url)
    }

    /// The store a run uses: the server `store` (config.toml) or `TILL_STORE_URL` names, else the
    /// SQLite file every till of this host shares.
    public static func open(settings: TillSettings) throws(ShopStoreError) -> any ShopStore {
        if let url = settings.storeURL { return try open(url: url) }
        return try open(paths: settings.paths)
    }
}
