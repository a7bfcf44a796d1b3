package io.feedstore.application;

import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoredObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything a store holds (keys, generations, content digests), to prove that an operation changed nothing. */
public record StoreSnapshot(Map<ObjectKey, Generation> generations, Map<ObjectKey, String> digests) {

    public static StoreSnapshot of(ObjectStore store) {
        Map<ObjectKey, Generation> generations = new TreeMap<>();
        Map<ObjectKey, String> digests = new TreeMap<>();
        List<ObjectInfo> listing = store.list(KeyPrefix.ROOT).getOrElseThrow(f -> new AssertionError(f.message()));
        for (ObjectInfo info : listing) {
            StoredObject object = store.read(info.key()).getOrElseThrow(f -> new AssertionError(f.message()));
            generations.put(info.key(), object.generation());
            digests.put(info.key(), sha256(object.content()));
        }
        return new StoreSnapshot(Map.copyOf(generations), Map.copyOf(digests));
    }

    public List<ObjectKey> keys() {
        return generations.keySet().stream().sorted().toList();
    }

    public List<ObjectKey> keysUnder(KeyPrefix prefix) {
        return keys().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
