/**
 * Which Unicode scripts a name is written in, to refuse names that mix
 * look-alike letters of different scripts: "gouvernance" typed with a Cyrillic
 * "о" (U+043E) reads exactly like the Latin word but is another tag, which
 * splits a tag page or impersonates one. This is the "single script" test of
 * Unicode TR #39 (section 5.1, resolved script set): each character counts
 * with its Script_Extensions; Common and Inherited characters (digits,
 * hyphens, combining marks) go with any script; Han, Hiragana and Katakana
 * together are Japanese, Han and Hangul Korean, Han and Bopomofo Chinese.
 * Pure: the tables are the regular expression engine's.
 */
import { uPlus } from './problem.ts';

/** Every Script value the engine knows, except Common, Inherited and Unknown (Node 24: Unicode 17). */
const SCRIPTS = [
  'Adlam', 'Ahom', 'Anatolian_Hieroglyphs', 'Arabic', 'Armenian', 'Avestan', 'Balinese', 'Bamum', 'Bassa_Vah', 'Batak', 'Bengali', 'Beria_Erfe', 'Bhaiksuki',
  'Bopomofo', 'Brahmi', 'Braille', 'Buginese', 'Buhid', 'Canadian_Aboriginal', 'Carian', 'Caucasian_Albanian', 'Chakma', 'Cham', 'Cherokee', 'Chorasmian',
  'Coptic', 'Cuneiform', 'Cypriot', 'Cypro_Minoan', 'Cyrillic', 'Deseret', 'Devanagari', 'Dives_Akuru', 'Dogra', 'Duployan', 'Egyptian_Hieroglyphs', 'Elbasan',
  'Elymaic', 'Ethiopic', 'Garay', 'Georgian', 'Glagolitic', 'Gothic', 'Grantha', 'Greek', 'Gujarati', 'Gunjala_Gondi', 'Gurmukhi', 'Gurung_Khema', 'Han',
  'Hangul', 'Hanifi_Rohingya', 'Hanunoo', 'Hatran', 'Hebrew', 'Hiragana', 'Imperial_Aramaic', 'Inscriptional_Pahlavi', 'Inscriptional_Parthian', 'Javanese',
  'Kaithi', 'Kannada', 'Katakana', 'Kawi', 'Kayah_Li', 'Kharoshthi', 'Khitan_Small_Script', 'Khmer', 'Khojki', 'Khudawadi', 'Kirat_Rai', 'Lao', 'Latin',
  'Lepcha', 'Limbu', 'Linear_A', 'Linear_B', 'Lisu', 'Lycian', 'Lydian', 'Mahajani', 'Makasar', 'Malayalam', 'Mandaic', 'Manichaean', 'Marchen',
  'Masaram_Gondi', 'Medefaidrin', 'Meetei_Mayek', 'Mende_Kikakui', 'Meroitic_Cursive', 'Meroitic_Hieroglyphs', 'Miao', 'Modi', 'Mongolian', 'Mro', 'Multani',
  'Myanmar', 'Nabataean', 'Nag_Mundari', 'Nandinagari', 'New_Tai_Lue', 'Newa', 'Nko', 'Nushu', 'Nyiakeng_Puachue_Hmong', 'Ogham', 'Ol_Chiki', 'Ol_Onal',
  'Old_Hungarian', 'Old_Italic', 'Old_North_Arabian', 'Old_Permic', 'Old_Persian', 'Old_Sogdian', 'Old_South_Arabian', 'Old_Turkic', 'Old_Uyghur', 'Oriya',
  'Osage', 'Osmanya', 'Pahawh_Hmong', 'Palmyrene', 'Pau_Cin_Hau', 'Phags_Pa', 'Phoenician', 'Psalter_Pahlavi', 'Rejang', 'Runic', 'Samaritan', 'Saurashtra',
  'Sharada', 'Shavian', 'Siddham', 'Sidetic', 'SignWriting', 'Sinhala', 'Sogdian', 'Sora_Sompeng', 'Soyombo', 'Sundanese', 'Sunuwar', 'Syloti_Nagri', 'Syriac',
  'Tagalog', 'Tagbanwa', 'Tai_Le', 'Tai_Tham', 'Tai_Viet', 'Tai_Yo', 'Takri', 'Tamil', 'Tangsa', 'Tangut', 'Telugu', 'Thaana', 'Thai', 'Tibetan', 'Tifinagh',
  'Tirhuta', 'Todhri', 'Tolong_Siki', 'Toto', 'Tulu_Tigalari', 'Ugaritic', 'Vai', 'Vithkuqi', 'Wancho', 'Warang_Citi', 'Yezidi', 'Yi', 'Zanabazar_Square',
] as const;

/** Writing systems made of several scripts (TR #39 augmented script sets): the scripts that imply each. */
const WRITING_SYSTEMS: Record<string, readonly string[]> = {
  Han: ['Japanese', 'Korean', 'Chinese'],
  Hiragana: ['Japanese'],
  Katakana: ['Japanese'],
  Hangul: ['Korean'],
  Bopomofo: ['Chinese'],
};

/** A character no script of this table claims (a newer Unicode than the engine's): its own script, so it never blends in. */
const UNKNOWN = 'Unknown';

let patterns: { script: string; primary: RegExp; extended: RegExp }[] | undefined;
const COMMON = /^[\p{Script=Common}\p{Script=Inherited}]$/u;
const cache = new Map<number, CharacterScripts>();

interface CharacterScripts {
  /** The character's Script value, for messages ("Cyrillic"); undefined for Common and Inherited. */
  script: string | undefined;
  /** Script_Extensions plus the writing systems they imply; undefined = goes with any script. */
  compatible: ReadonlySet<string> | undefined;
}

function scriptsOfCharacter(char: string): CharacterScripts {
  const codePoint = char.codePointAt(0)!;
  const known = cache.get(codePoint);
  if (known) return known;
  patterns ??= SCRIPTS.map((script) => ({ script, primary: new RegExp(`^\\p{Script=${script}}$`, 'u'), extended: new RegExp(`^\\p{Script_Extensions=${script}}$`, 'u') }));
  const common = COMMON.test(char);
  const extensions = patterns.filter((p) => p.extended.test(char)).map((p) => p.script);
  const found: CharacterScripts =
    common && extensions.length === 0
      ? { script: undefined, compatible: undefined }
      : {
          script: common ? undefined : (patterns.find((p) => p.primary.test(char))?.script ?? UNKNOWN),
          compatible: new Set(extensions.length ? extensions.flatMap((s) => [s, ...(WRITING_SYSTEMS[s] ?? [])]) : [UNKNOWN]),
        };
  cache.set(codePoint, found);
  return found;
}

/** Letters of one script inside a mixed name, in order of first appearance, each once. */
export interface ScriptLetters {
  /** Unicode Script name with spaces, like "Latin" or "Old Italic". */
  script: string;
  letters: string[];
}

/**
 * The scripts a name mixes, or undefined when a single script (or one
 * writing system, like Japanese kanji with kana) covers every character.
 *
 * @example mixedScripts('gouvernance') // undefined
 * @example mixedScripts('gоuvernance') // [{ script: 'Latin', letters: ['g', 'u', …] }, { script: 'Cyrillic', letters: ['о'] }]
 */
export function mixedScripts(name: string): ScriptLetters[] | undefined {
  // Plain ASCII is Latin, digits and punctuation: one script by construction (the common case, kept cheap).
  if (/^[\x00-\x7f]*$/.test(name)) return undefined;
  let resolved: Set<string> | undefined;
  const characters = [...name].map((char) => ({ char, ...scriptsOfCharacter(char) }));
  for (const { compatible } of characters) {
    if (!compatible) continue;
    resolved = resolved ? new Set([...resolved].filter((s) => compatible.has(s))) : new Set(compatible);
  }
  if (!resolved || resolved.size > 0) return undefined;
  const groups = new Map<string, string[]>();
  for (const { char, script } of characters) {
    if (script === undefined) continue;
    const letters = groups.get(script) ?? [];
    if (!letters.includes(char)) letters.push(char);
    groups.set(script, letters);
  }
  return [...groups].map(([script, letters]) => ({ script: script.replace(/_/g, ' '), letters }));
}

/** "Latin (g u v) and Cyrillic (о U+043E)": letters outside ASCII carry their code point, since they look like others. */
export function describeScripts(groups: readonly ScriptLetters[]): string {
  const letter = (char: string) => (/^[\x00-\x7f]$/.test(char) ? char : `${char} ${uPlus(char)}`);
  const parts = groups.map((g) => `${g.script} (${g.letters.map(letter).join(', ')})`);
  return parts.length <= 2 ? parts.join(' and ') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
