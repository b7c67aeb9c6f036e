/**
 * The portal's steps as a pure state machine: find → items → resolution → review → done,
 * plus status (a return followed later) and conversation (one of the order's tickets, opened
 * from the items step). No DOM here, so it is tested in node.
 */
import type { PortalResolution } from "./types";

export type Step = "find" | "items" | "resolution" | "review" | "done" | "status" | "conversation";

export interface DraftLine {
  lineItemId: string;
  quantity: number;
  reasonCode: string;
  note?: string;
  photoIds?: string[];
  exchangeVariantId?: string;
}

export interface FlowState {
  step: Step;
  orderId: string | null;
  lines: DraftLine[];
  resolution: PortalResolution | null;
  returnId: string | null;
  /** The conversation open in the conversation step. */
  ticketId: string | null;
}

export type FlowEvent =
  | { type: "order"; orderId: string }
  | { type: "items"; lines: DraftLine[] }
  | { type: "resolution"; resolution: PortalResolution; exchange?: Record<string, string> }
  | { type: "created"; returnId: string }
  | { type: "status"; returnId: string }
  | { type: "conversation"; ticketId: string }
  | { type: "back" }
  | { type: "restart" };

export const initialState: FlowState = { step: "find", orderId: null, lines: [], resolution: null, returnId: null, ticketId: null };

const BACK: Partial<Record<Step, Step>> = { items: "find", resolution: "items", review: "resolution", status: "find", conversation: "items" };

/** The next state; an event that does not fit the current step leaves the state unchanged. */
export function transition(state: FlowState, event: FlowEvent): FlowState {
  switch (event.type) {
    case "order":
      return state.step === "find" ? { ...initialState, step: "items", orderId: event.orderId } : state;
    case "items":
      if (state.step !== "items" || !event.lines.some((l) => l.quantity > 0)) return state;
      return { ...state, step: "resolution", lines: event.lines.filter((l) => l.quantity > 0) };
    case "resolution": {
      if (state.step !== "resolution") return state;
      const exchange = event.exchange ?? {};
      if (event.resolution === "exchange" && !state.lines.every((l) => exchange[l.lineItemId])) return state;
      const lines = state.lines.map(({ exchangeVariantId: _drop, ...l }) =>
        event.resolution === "exchange" ? { ...l, exchangeVariantId: exchange[l.lineItemId] } : l,
      );
      return { ...state, step: "review", resolution: event.resolution, lines };
    }
    case "created":
      return state.step === "review" ? { ...state, step: "done", returnId: event.returnId } : state;
    case "status":
      return { ...initialState, step: "status", returnId: event.returnId };
    case "conversation":
      // A conversation belongs to the order in hand: reached from its items step (or another conversation).
      return state.orderId && (state.step === "items" || state.step === "conversation") ? { ...state, step: "conversation", ticketId: event.ticketId } : state;
    case "back": {
      const to = BACK[state.step];
      return to ? { ...state, step: to } : state;
    }
    case "restart":
      return initialState;
    default:
      return state;
  }
}

/** Steps shown in the progress line ("Step 2 of 4"), without done/status/conversation. */
export const PROGRESS: Step[] = ["find", "items", "resolution", "review"];
