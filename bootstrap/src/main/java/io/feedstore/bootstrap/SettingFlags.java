package io.feedstore.bootstrap;

import java.util.Map;

/** A command with flags of its own that are settings ({@code --batch-size}, {@code --min-rows}). */
interface SettingFlags {

    /** The flags given, by setting; a flag not given is absent or null. */
    Map<Setting, String> settingFlags();
}
