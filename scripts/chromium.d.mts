/** Types of chromium.mjs (plain JavaScript: the widgets' scripts load it unbuilt). */
export declare const chromiumPath: string;
export declare const chromiumArgs: string[];
