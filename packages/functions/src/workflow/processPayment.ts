import { processPayment, type WorkflowState } from "@pizza-orders/core/workflow/orderTasks";
import { paymentDependencies } from "./taskDependencies";

const deps = paymentDependencies();

export const handler = async (state: WorkflowState) => processPayment(deps, state);
