import CALSA

/// Owns one open ALSA simple mixer (one Swift owner per C handle), to read a card's playback controls: which exist,
/// and the range and setting of one in dB. Installers use it through `communecast hw test` to check the profile's
/// `mixer.control`; the daemon's volume itself stays software gain, which works the same on every device.
public final class ALSAMixer {
    /// The mixer device, e.g. `hw:CARD=Device` or `default`.
    public let card: String
    private var handle: OpaquePointer?

    /// Opens the mixer of `card` and loads its simple controls.
    public init(card: String) throws(ALSAError) {
        self.card = card
        communecast_alsa_silence_errors()
        var handle: OpaquePointer?
        try check(snd_mixer_open(&handle, 0))
        self.handle = handle
        do {
            try check(snd_mixer_attach(handle, card))
            try check(snd_mixer_selem_register(handle, nil, nil))
            try check(snd_mixer_load(handle))
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Names of the controls with a playback volume, as `amixer scontrols` lists them.
    public var playbackControls: [String] {
        var names: [String] = []
        var element = handle.flatMap { snd_mixer_first_elem($0) }
        while let current = element {
            if snd_mixer_selem_has_playback_volume(current) != 0, let name = snd_mixer_selem_get_name(current) {
                names.append(String(cString: name))
            }
            element = snd_mixer_elem_next(current)
        }
        return names
    }

    /// The playback control `name` (index 0): its dB range and current setting, where the driver gives a dB scale.
    public func control(named name: String) throws(ALSAError) -> MixerControl {
        guard let element = find(name) else {
            throw .noSuchControl(card: card, control: name, available: playbackControls)
        }
        var low = 0
        var high = 0
        var current = 0
        let hasScale = snd_mixer_selem_get_playback_dB_range(element, &low, &high) == 0 && low <= high
        let hasCurrent = snd_mixer_selem_get_playback_dB(element, SND_MIXER_SCHN_FRONT_LEFT, &current) == 0
        var rawLow = 0
        var rawHigh = 0
        snd_mixer_selem_get_playback_volume_range(element, &rawLow, &rawHigh)
        return MixerControl(
            name: name, card: card,
            decibelRange: hasScale ? Double(low) / 100 ... Double(high) / 100 : nil,
            currentDecibels: hasScale && hasCurrent ? Double(current) / 100 : nil,
            steps: rawLow...max(rawLow, rawHigh)
        )
    }

    /// Closes the mixer.
    public func close() {
        if let handle { snd_mixer_close(handle) }
        handle = nil
    }

    /// The mixer that belongs to a PCM name: the card of `hw:`, `plughw:` and the per-card ALSA aliases
    /// (`front:`, `sysdefault:`…), whether given by number (`hw:1,0`) or name (`plughw:CARD=Device,DEV=0`);
    /// `default` for anything else (`default`, `dmix`, a plugin chain), which is ALSA's default card.
    public static func card(forPCM device: String) -> String {
        guard let colon = device.firstIndex(of: ":") else { return "default" }
        let plugin = device[..<colon]
        let perCard: Set<Substring> = [
            "hw", "plughw", "default", "front", "sysdefault", "iec958", "surround40", "dsnoop", "dmix",
        ]
        guard perCard.contains(plugin) else { return "default" }
        let arguments = device[device.index(after: colon)...].split(separator: ",")
        for argument in arguments where argument.hasPrefix("CARD=") {
            return "hw:CARD=\(argument.dropFirst(5))"
        }
        if let first = arguments.first, !first.contains("=") { return "hw:\(first)" }
        return "default"
    }

    private func find(_ name: String) -> OpaquePointer? {
        guard let handle else { return nil }
        var id: OpaquePointer?
        guard snd_mixer_selem_id_malloc(&id) == 0, let id else { return nil }
        defer { snd_mixer_selem_id_free(id) }
        snd_mixer_selem_id_set_index(id, 0)
        snd_mixer_selem_id_set_name(id, name)
        return snd_mixer_find_selem(handle, id)
    }

    /// Every mixer call that can fail passes through here.
    private func check(_ code: Int32) throws(ALSAError) {
        guard code < 0 else { return }
        throw .mixerUnavailable(card: card, message: ALSAError.message(code))
    }
}
