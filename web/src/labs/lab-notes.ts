/** One Record row as the student filled it: by hand, or copied from the page at `takenAt`. */
export interface RecordedValue {
  value: string
  /** ISO time the figure was copied from the page; absent when typed by hand. */
  takenAt?: string
  /** The figure it was copied from (`sse.bytesPerMessage`). */
  figure?: string
}

/** What a student wrote in one lab: values, answers, and the name to put on the report. */
export interface LabNotes {
  values: Record<string, RecordedValue>
  answers: Record<string, string>
  name: string
}

export interface NotesStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

const key = (labId: string) => `wirelab.lab.${labId}`

/** A lab's notes survive a reload (local storage); a broken or missing entry starts empty. */
export function loadNotes(labId: string, storage: NotesStorage | undefined): LabNotes {
  const empty: LabNotes = { values: {}, answers: {}, name: '' }
  try {
    const saved = JSON.parse(storage?.getItem(key(labId)) ?? 'null') as Partial<LabNotes> | null
    return { ...empty, ...saved }
  } catch {
    return empty
  }
}

export function saveNotes(labId: string, notes: LabNotes, storage: NotesStorage | undefined): void {
  try {
    storage?.setItem(key(labId), JSON.stringify(notes))
  } catch {
    // Private mode or a full storage: the notes live until the page closes, and can be exported.
  }
}
