package org.sam2long.ofx.cache;

import java.nio.file.Path;

/**
 * A second host process for {@link InstanceLeaseTest}: claims one instance folder of a cache, prints
 * "claimed", and holds the claim until its standard input closes.
 */
public final class CacheClaimHolder {
    private CacheClaimHolder() {}

    public static void main(String[] args) throws Exception {
        try (InstanceLease lease = new MatteCache(Path.of(args[0])).lease(args[1])) {
            System.out.println("claimed " + lease.folder());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our input
            }
        }
    }
}
