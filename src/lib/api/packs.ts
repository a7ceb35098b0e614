/** What the phone downloads to work offline: lessons with their words, and task projects. */
export type Glosses = Record<string, string>;

export interface PackWord {
	id: string;
	deckId: string;
	hangul: string;
	romanization: string;
	pos: string;
	level: number;
	gloss: Glosses;
	example: { ko: string; gloss: Glosses };
}

export interface PackLesson {
	id: string;
	deckId: string;
	deckTitle: Glosses;
	/** The deck's level: 1 beginner … 6. */
	level: number;
	title: Glosses;
	wordIds: string[];
	position: number;
}

export interface LessonsPack {
	/** Changes whenever the content does; the phone sends it back as If-None-Match. */
	version: string;
	lessons: PackLesson[];
	words: PackWord[];
}

export interface ProjectSummary {
	id: string;
	type: string;
	mode: 'training' | 'work';
	multiple: boolean;
	title: Glosses;
	description: Glosses;
	taskCount: number;
	/** Sum of the tasks' image/audio bytes, shown before a download. */
	assetBytes: number;
}

export interface PackTask {
	id: string;
	projectId: string;
	position: number;
	data: { image: string; alt: Glosses };
	/** Present on training tasks only; work tasks never carry gold to the phone. */
	gold?: { labels: string[] };
	explanation?: Glosses;
}

export interface ProjectPack {
	project: ProjectSummary & {
		guidelines: Glosses;
		labels: { id: string; wordId: string }[];
	};
	tasks: PackTask[];
}

export interface PackIndex {
	projects: ProjectSummary[];
}
