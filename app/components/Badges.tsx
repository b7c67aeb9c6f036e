import { Badge } from "@shopify/polaris";
import type { ReturnStatus } from "~/returns/status";
import {
  humanize,
  MOVEMENT_STATUS_TONE,
  RETURN_STATUS_LABEL,
  RETURN_STATUS_TONE,
  TICKET_PRIORITY_TONE,
  TICKET_STATUS_TONE,
} from "~/components/format";

export function ReturnStatusBadge({ status }: { status: ReturnStatus }) {
  return <Badge tone={RETURN_STATUS_TONE[status]}>{RETURN_STATUS_LABEL[status]}</Badge>;
}

export function MovementStatusBadge({ status }: { status: string }) {
  return <Badge tone={MOVEMENT_STATUS_TONE[status]}>{humanize(status)}</Badge>;
}

export function TicketStatusBadge({ status }: { status: string }) {
  return <Badge tone={TICKET_STATUS_TONE[status]}>{humanize(status)}</Badge>;
}

export function PriorityBadge({ priority }: { priority: string }) {
  return <Badge tone={TICKET_PRIORITY_TONE[priority]}>{humanize(priority)}</Badge>;
}

/** The inbox's SLA warning: "Breached" (critical) or "Due in 25 min" (warning); nothing while on track. */
export function SlaBadge({ sla }: { sla: { state: string; label?: string } }) {
  if (sla.state === "breached") return <Badge tone="critical">{sla.label ?? "Breached"}</Badge>;
  if (sla.state === "soon") return <Badge tone="warning">{sla.label ?? "Due soon"}</Badge>;
  return null;
}
