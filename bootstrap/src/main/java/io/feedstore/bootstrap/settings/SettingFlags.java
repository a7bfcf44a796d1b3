package io.feedstore.bootstrap.settings;

import java.util.Map;

/** A command with flags of its own that are settings ({@code --batch-size}, {@code --min-rows}). */
public interface SettingFlags {

    /** The flags given, by setting; a flag not given is absent or null. */
    Map<Setting, String> settingFlags();
}
