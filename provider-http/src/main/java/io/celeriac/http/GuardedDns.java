package io.celeriac.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Dns;

/**
 * OkHttp's name lookup, vetted: it resolves once and hands OkHttp only the addresses the policy
 * allows, so the connection goes to an address that was checked, never to a second answer of a
 * name that changed meanwhile (DNS rebinding). A name with no allowed address fails as a whole.
 */
final class GuardedDns implements Dns {
    private final AddressPolicy policy;
    private final Resolver resolver;

    GuardedDns(AddressPolicy policy, Resolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> answers = resolver.resolve(hostname);
        List<InetAddress> allowed = new ArrayList<>(answers.size());
        String refusal = null;
        for (InetAddress address : answers) {
            String why = policy.refusal(address);
            if (why == null) {
                allowed.add(address);
            } else if (refusal == null) {
                refusal = why;
            }
        }
        if (allowed.isEmpty()) {
            throw refusal == null ? new UnknownHostException(hostname) : new AddressRefusedException(hostname, refusal);
        }
        return List.copyOf(allowed);
    }
}
