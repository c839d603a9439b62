import { ClusterAnswers } from './cluster-answers';
import type { ClusterReply, ClusterRequest } from './cluster-messages';

/*
 * Builds and queries the cluster index off the page's thread: at 100,000 points building takes about a
 * tenth of a second (more on a loaded machine), during which the map must keep panning and the list keep
 * scrolling.
 */

// The renderer is type-checked with DOM types only; a worker's global scope is all this file needs.
const scope = self as unknown as { onmessage: (event: MessageEvent<ClusterRequest>) => void; postMessage: (reply: ClusterReply) => void };
const answers = new ClusterAnswers();

scope.onmessage = (event) => scope.postMessage(answers.answer(event.data));
