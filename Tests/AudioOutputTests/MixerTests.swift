import AudioOutput
import Testing

/// The simple mixer wrapper. The test machine has no sound card, so the dB range itself is read only on real
/// hardware (`communecast hw test`); here the card naming and the failure path run against the real alsa-lib.
@Suite("ALSA simple mixer")
struct MixerTests {
    @Test("the mixer of a PCM is its card, by number or name; anything else is the default card", arguments: [
        ("hw:1,0", "hw:1"), ("plughw:1", "hw:1"), ("plughw:CARD=Device,DEV=0", "hw:CARD=Device"),
        ("hw:CARD=PCH", "hw:CARD=PCH"), ("sysdefault:CARD=Device", "hw:CARD=Device"),
        ("default", "default"), ("dmix", "default"), ("file:FILE=/tmp/x.wav,FORMAT=wav", "default"),
        ("null", "default"),
    ])
    func cardOfPCM(pcm: String, card: String) {
        #expect(ALSAMixer.card(forPCM: pcm) == card)
    }

    @Test("a card that does not exist fails to open with ALSA's reason, naming the card")
    func missingCard() {
        #expect {
            _ = try ALSAMixer(card: "hw:9")
        } throws: { error in
            guard case .mixerUnavailable(let card, let message) = error as? ALSAError else { return false }
            return card == "hw:9" && !message.isEmpty
                && "\(error)".hasPrefix("cannot open the mixer of 'hw:9': ")
        }
    }
}
