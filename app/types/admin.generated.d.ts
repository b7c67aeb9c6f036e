/* eslint-disable eslint-comments/disable-enable-pair */
/* eslint-disable eslint-comments/no-unlimited-disable */
/* eslint-disable */
import type * as AdminTypes from './admin.types.js';

export type CurrentAppInstallationQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type CurrentAppInstallationQuery = { currentAppInstallation: Pick<AdminTypes.AppInstallation, 'id'> };

export type SetAppMetafieldMutationVariables = AdminTypes.Exact<{
  metafields: Array<AdminTypes.MetafieldsSetInput> | AdminTypes.MetafieldsSetInput;
}>;


export type SetAppMetafieldMutation = { metafieldsSet?: AdminTypes.Maybe<{ metafields?: AdminTypes.Maybe<Array<Pick<AdminTypes.Metafield, 'namespace' | 'key' | 'value'>>>, userErrors: Array<Pick<AdminTypes.MetafieldsSetUserError, 'field' | 'message' | 'code'>> }> };

export type OrdersBackfillQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type OrdersBackfillQuery = { orders: { edges: Array<{ node: (
        Pick<AdminTypes.Order, 'id' | 'name' | 'createdAt' | 'updatedAt' | 'processedAt' | 'displayFinancialStatus' | 'displayFulfillmentStatus'>
        & { customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'id'>>, currentTotalPriceSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, refunds: Array<Pick<AdminTypes.Refund, 'id'>>, lineItems: { edges: Array<{ node: Pick<AdminTypes.LineItem, 'id'> }> }, returns: { edges: Array<{ node: Pick<AdminTypes.Return, 'id'> }> } }
      ) }> } };

export type BulkQueryStartMutationVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type BulkQueryStartMutation = { bulkOperationRunQuery?: AdminTypes.Maybe<{ bulkOperation?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status' | 'errorCode' | 'objectCount' | 'rootObjectCount' | 'url' | 'createdAt' | 'query'>>, userErrors: Array<Pick<AdminTypes.BulkOperationUserError, 'field' | 'message' | 'code'>> }> };

export type BulkQueryStatusQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type BulkQueryStatusQuery = { bulkOperation?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status' | 'errorCode' | 'objectCount' | 'rootObjectCount' | 'url' | 'createdAt' | 'query'>> };

export type BulkQueriesRecentQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type BulkQueriesRecentQuery = { bulkOperations: { nodes: Array<Pick<AdminTypes.BulkOperation, 'id' | 'status' | 'errorCode' | 'objectCount' | 'rootObjectCount' | 'url' | 'createdAt' | 'query'>> } };

export type GetCustomerQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type GetCustomerQuery = { customer?: AdminTypes.Maybe<(
    Pick<AdminTypes.Customer, 'id' | 'displayName' | 'numberOfOrders'>
    & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress'>>, amountSpent: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, storeCreditAccounts: { nodes: Array<(
        Pick<AdminTypes.StoreCreditAccount, 'id'>
        & { balance: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
      )> }, orders: { nodes: Array<(
        Pick<AdminTypes.Order, 'id' | 'name' | 'createdAt' | 'displayFinancialStatus' | 'displayFulfillmentStatus'>
        & { currentTotalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
      )> } }
  )> };

export type GetOrderQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type GetOrderQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'name' | 'email' | 'createdAt' | 'processedAt' | 'currencyCode' | 'presentmentCurrencyCode' | 'displayFinancialStatus' | 'displayFulfillmentStatus' | 'tags'>
    & { currentTotalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, customer?: AdminTypes.Maybe<(
      Pick<AdminTypes.Customer, 'id' | 'displayName'>
      & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress'>> }
    )>, lineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage'>, nodes: Array<(
        Pick<AdminTypes.LineItem, 'id' | 'title' | 'variantTitle' | 'sku' | 'quantity' | 'currentQuantity'>
        & { discountedUnitPriceAfterAllDiscountsSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, taxLines: Array<{ priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }>, image?: AdminTypes.Maybe<Pick<AdminTypes.Image, 'url'>>, product?: AdminTypes.Maybe<Pick<AdminTypes.Product, 'id' | 'title' | 'productType' | 'tags'>>, variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id' | 'title'>> }
      )> }, fulfillments: Array<Pick<AdminTypes.Fulfillment, 'id' | 'status' | 'displayStatus' | 'createdAt' | 'deliveredAt'>>, transactions: Array<(
      Pick<AdminTypes.OrderTransaction, 'id' | 'kind' | 'status' | 'gateway'>
      & { amountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, parentTransaction?: AdminTypes.Maybe<Pick<AdminTypes.OrderTransaction, 'id'>> }
    )> }
  )> };

export type GetOrderReturnsQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type GetOrderReturnsQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id'>
    & { returns: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage'>, nodes: Array<(
        Pick<AdminTypes.Return, 'id' | 'name' | 'status'>
        & { returnLineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage'>, nodes: Array<(
            Pick<AdminTypes.ReturnLineItem, 'id' | 'quantity' | 'processedQuantity'>
            & { fulfillmentLineItem: (
              Pick<AdminTypes.FulfillmentLineItem, 'id'>
              & { lineItem: Pick<AdminTypes.LineItem, 'id'> }
            ) }
          ) | Pick<AdminTypes.UnverifiedReturnLineItem, 'id' | 'quantity' | 'processedQuantity'>> } }
      )> }, refunds: Array<(
      Pick<AdminTypes.Refund, 'id' | 'createdAt'>
      & { totalRefundedSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, refundLineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage'>, nodes: Array<(
          Pick<AdminTypes.RefundLineItem, 'quantity'>
          & { lineItem: Pick<AdminTypes.LineItem, 'id'>, subtotalSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
        )> } }
    )> }
  )> };

export type GetReturnableFulfillmentsQueryVariables = AdminTypes.Exact<{
  orderId: AdminTypes.Scalars['ID']['input'];
}>;


export type GetReturnableFulfillmentsQuery = { returnableFulfillments: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage'>, nodes: Array<(
      Pick<AdminTypes.ReturnableFulfillment, 'id'>
      & { fulfillment: Pick<AdminTypes.Fulfillment, 'id'>, returnableFulfillmentLineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage'>, nodes: Array<(
          Pick<AdminTypes.ReturnableFulfillmentLineItem, 'quantity'>
          & { fulfillmentLineItem: (
            Pick<AdminTypes.FulfillmentLineItem, 'id'>
            & { lineItem: Pick<AdminTypes.LineItem, 'id'> }
          ) }
        )> } }
    )> } };

export type FindOrdersForLookupQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type FindOrdersForLookupQuery = { orders: { nodes: Array<Pick<AdminTypes.Order, 'id' | 'name' | 'email'>> } };

export type ListRecentOrdersQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
}>;


export type ListRecentOrdersQuery = { orders: { nodes: Array<(
      Pick<AdminTypes.Order, 'id' | 'name' | 'createdAt' | 'displayFinancialStatus' | 'displayFulfillmentStatus'>
      & { customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'displayName'>>, currentTotalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
    )> } };

export type SoldUnitsPageQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type SoldUnitsPageQuery = { orders: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<Pick<AdminTypes.Order, 'subtotalLineItemsQuantity'>> } };

export type ExchangeVariantsQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type ExchangeVariantsQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.Product, 'id' | 'title'>
    & { variants: { nodes: Array<Pick<AdminTypes.ProductVariant, 'id' | 'title' | 'price' | 'availableForSale' | 'sellableOnlineQuantity'>> } }
  )>> };

export type RefundCreateMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.RefundInput;
  idempotencyKey: AdminTypes.Scalars['String']['input'];
}>;


export type RefundCreateMutation = { refundCreate?: AdminTypes.Maybe<{ refund?: AdminTypes.Maybe<(
      Pick<AdminTypes.Refund, 'id' | 'createdAt'>
      & { totalRefundedSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
    )>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type ReturnProcessMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.ReturnProcessInput;
}>;


export type ReturnProcessMutation = { returnProcess?: AdminTypes.Maybe<{ return?: AdminTypes.Maybe<(
      Pick<AdminTypes.Return, 'id' | 'status'>
      & { refunds: { nodes: Array<(
          Pick<AdminTypes.Refund, 'id' | 'createdAt'>
          & { totalRefundedSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
        )> } }
    )>, userErrors: Array<Pick<AdminTypes.ReturnUserError, 'field' | 'message' | 'code'>> }> };

export type ReturnCreateWithExchangeMutationVariables = AdminTypes.Exact<{
  returnInput: AdminTypes.ReturnInput;
}>;


export type ReturnCreateWithExchangeMutation = { returnCreate?: AdminTypes.Maybe<{ return?: AdminTypes.Maybe<(
      Pick<AdminTypes.Return, 'id' | 'name' | 'status'>
      & { returnLineItems: { nodes: Array<(
          Pick<AdminTypes.ReturnLineItem, 'id' | 'quantity'>
          & { fulfillmentLineItem: (
            Pick<AdminTypes.FulfillmentLineItem, 'id'>
            & { lineItem: Pick<AdminTypes.LineItem, 'id'> }
          ) }
        ) | Pick<AdminTypes.UnverifiedReturnLineItem, 'id' | 'quantity'>> }, exchangeLineItems: { nodes: Array<Pick<AdminTypes.ExchangeLineItem, 'id' | 'variantId' | 'quantity'>> } }
    )>, userErrors: Array<Pick<AdminTypes.ReturnUserError, 'field' | 'message' | 'code'>> }> };

export type GetReturnStateQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type GetReturnStateQuery = { return?: AdminTypes.Maybe<(
    Pick<AdminTypes.Return, 'id' | 'name' | 'status'>
    & { order: Pick<AdminTypes.Order, 'id'>, returnLineItems: { nodes: Array<(
        Pick<AdminTypes.ReturnLineItem, 'id' | 'quantity' | 'processedQuantity'>
        & { fulfillmentLineItem: (
          Pick<AdminTypes.FulfillmentLineItem, 'id'>
          & { lineItem: Pick<AdminTypes.LineItem, 'id'> }
        ) }
      ) | Pick<AdminTypes.UnverifiedReturnLineItem, 'id' | 'quantity' | 'processedQuantity'>> }, exchangeLineItems: { nodes: Array<Pick<AdminTypes.ExchangeLineItem, 'id' | 'variantId' | 'quantity' | 'processedQuantity'>> }, refunds: { nodes: Array<(
        Pick<AdminTypes.Refund, 'id' | 'createdAt'>
        & { totalRefundedSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, transactions: { nodes: Array<(
            Pick<AdminTypes.OrderTransaction, 'id' | 'gateway' | 'kind' | 'status'>
            & { amountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
          )> } }
      )> } }
  )> };

export type GetOrderOpenReturnsQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type GetOrderOpenReturnsQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id'>
    & { returns: { nodes: Array<(
        Pick<AdminTypes.Return, 'id' | 'name' | 'status'>
        & { returnLineItems: { nodes: Array<(
            Pick<AdminTypes.ReturnLineItem, 'id' | 'quantity' | 'processedQuantity'>
            & { fulfillmentLineItem: (
              Pick<AdminTypes.FulfillmentLineItem, 'id'>
              & { lineItem: Pick<AdminTypes.LineItem, 'id'> }
            ) }
          ) | Pick<AdminTypes.UnverifiedReturnLineItem, 'id' | 'quantity' | 'processedQuantity'>> }, exchangeLineItems: { nodes: Array<Pick<AdminTypes.ExchangeLineItem, 'id' | 'variantId' | 'quantity' | 'processedQuantity'>> } }
      )> } }
  )> };

export type ReturnReasonDefinitionsQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type ReturnReasonDefinitionsQuery = { returnReasonDefinitions: { nodes: Array<Pick<AdminTypes.ReturnReasonDefinition, 'id' | 'handle' | 'name' | 'deleted'>> } };

export type PortalReturnRequestMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.ReturnRequestInput;
}>;


export type PortalReturnRequestMutation = { returnRequest?: AdminTypes.Maybe<{ return?: AdminTypes.Maybe<Pick<AdminTypes.Return, 'id' | 'name' | 'status'>>, userErrors: Array<Pick<AdminTypes.ReturnUserError, 'field' | 'message' | 'code'>> }> };

export type PortalReturnApproveRequestMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.ReturnApproveRequestInput;
}>;


export type PortalReturnApproveRequestMutation = { returnApproveRequest?: AdminTypes.Maybe<{ return?: AdminTypes.Maybe<Pick<AdminTypes.Return, 'id' | 'name' | 'status'>>, userErrors: Array<Pick<AdminTypes.ReturnUserError, 'field' | 'message' | 'code'>> }> };

export type ReturnDeclineRequestMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.ReturnDeclineRequestInput;
}>;


export type ReturnDeclineRequestMutation = { returnDeclineRequest?: AdminTypes.Maybe<{ return?: AdminTypes.Maybe<Pick<AdminTypes.Return, 'id' | 'name' | 'status'>>, userErrors: Array<Pick<AdminTypes.ReturnUserError, 'field' | 'message' | 'code'>> }> };

export type ReturnCancelMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type ReturnCancelMutation = { returnCancel?: AdminTypes.Maybe<{ return?: AdminTypes.Maybe<Pick<AdminTypes.Return, 'id' | 'name' | 'status'>>, userErrors: Array<Pick<AdminTypes.ReturnUserError, 'field' | 'message' | 'code'>> }> };

export type ReturnCloseMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type ReturnCloseMutation = { returnClose?: AdminTypes.Maybe<{ return?: AdminTypes.Maybe<Pick<AdminTypes.Return, 'id' | 'name' | 'status'>>, userErrors: Array<Pick<AdminTypes.ReturnUserError, 'field' | 'message' | 'code'>> }> };

export type GetShopifyReturnQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type GetShopifyReturnQuery = { return?: AdminTypes.Maybe<(
    Pick<AdminTypes.Return, 'id' | 'name' | 'status' | 'createdAt' | 'requestApprovedAt' | 'closedAt'>
    & { decline?: AdminTypes.Maybe<Pick<AdminTypes.ReturnDecline, 'reason' | 'note'>>, order: (
      Pick<AdminTypes.Order, 'id' | 'name' | 'email' | 'presentmentCurrencyCode'>
      & { customer?: AdminTypes.Maybe<(
        Pick<AdminTypes.Customer, 'id' | 'displayName'>
        & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress'>> }
      )> }
    ), returnLineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage'>, nodes: Array<(
        Pick<AdminTypes.ReturnLineItem, 'id' | 'quantity' | 'customerNote' | 'returnReasonNote'>
        & { fulfillmentLineItem: (
          Pick<AdminTypes.FulfillmentLineItem, 'id'>
          & { lineItem: (
            Pick<AdminTypes.LineItem, 'id' | 'title' | 'variantTitle' | 'sku' | 'quantity'>
            & { image?: AdminTypes.Maybe<Pick<AdminTypes.Image, 'url'>>, product?: AdminTypes.Maybe<Pick<AdminTypes.Product, 'id'>>, variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>>, discountedUnitPriceAfterAllDiscountsSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, taxLines: Array<{ priceSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }> }
          ) }
        ), returnReasonDefinition?: AdminTypes.Maybe<Pick<AdminTypes.ReturnReasonDefinition, 'id' | 'handle' | 'name'>> }
      ) | (
        Pick<AdminTypes.UnverifiedReturnLineItem, 'id' | 'quantity' | 'customerNote' | 'returnReasonNote'>
        & { returnReasonDefinition?: AdminTypes.Maybe<Pick<AdminTypes.ReturnReasonDefinition, 'id' | 'handle' | 'name'>> }
      )> }, exchangeLineItems: { nodes: Array<Pick<AdminTypes.ExchangeLineItem, 'id' | 'variantId' | 'quantity'>> } }
  )> };

export type GetShopQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type GetShopQuery = { shop: (
    Pick<AdminTypes.Shop, 'name' | 'myshopifyDomain' | 'currencyCode' | 'ianaTimezone' | 'email'>
    & { plan: Pick<AdminTypes.ShopPlan, 'publicDisplayName' | 'partnerDevelopment' | 'shopifyPlus'> }
  ) };

export type StoreCreditAccountCreditMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  creditInput: AdminTypes.StoreCreditAccountCreditInput;
}>;


export type StoreCreditAccountCreditMutation = { storeCreditAccountCredit?: AdminTypes.Maybe<{ storeCreditAccountTransaction?: AdminTypes.Maybe<(
      Pick<AdminTypes.StoreCreditAccountCreditTransaction, 'id' | 'createdAt'>
      & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, balanceAfterTransaction: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, account: Pick<AdminTypes.StoreCreditAccount, 'id'> }
    )>, userErrors: Array<Pick<AdminTypes.StoreCreditAccountCreditUserError, 'field' | 'message' | 'code'>> }> };

export type ListStoreCreditCreditsQueryVariables = AdminTypes.Exact<{
  customerId: AdminTypes.Scalars['ID']['input'];
}>;


export type ListStoreCreditCreditsQuery = { customer?: AdminTypes.Maybe<(
    Pick<AdminTypes.Customer, 'id'>
    & { storeCreditAccounts: { nodes: Array<(
        Pick<AdminTypes.StoreCreditAccount, 'id'>
        & { balance: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, transactions: { nodes: Array<(
            { __typename: 'StoreCreditAccountCreditTransaction' }
            & Pick<AdminTypes.StoreCreditAccountCreditTransaction, 'id' | 'createdAt' | 'event'>
            & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
          ) | { __typename: 'StoreCreditAccountDebitRevertTransaction' | 'StoreCreditAccountDebitTransaction' | 'StoreCreditAccountExpirationTransaction' }> } }
      )> } }
  )> };

export type OrdersUpdatedSinceQueryVariables = AdminTypes.Exact<{
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type OrdersUpdatedSinceQuery = { orders: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
      Pick<AdminTypes.Order, 'id' | 'name' | 'createdAt' | 'updatedAt' | 'processedAt' | 'displayFinancialStatus' | 'displayFulfillmentStatus'>
      & { customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'id'>>, currentTotalPriceSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, lineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage'>, nodes: Array<Pick<AdminTypes.LineItem, 'id'>> }, returns: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage'>, nodes: Array<Pick<AdminTypes.Return, 'id'>> }, refunds: Array<Pick<AdminTypes.Refund, 'id'>> }
    )> } };

export type RefundForSyncQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type RefundForSyncQuery = { node?: AdminTypes.Maybe<(
    Pick<AdminTypes.Refund, 'id' | 'createdAt'>
    & { order: Pick<AdminTypes.Order, 'id'>, return?: AdminTypes.Maybe<Pick<AdminTypes.Return, 'id'>>, transactions: { nodes: Array<(
        Pick<AdminTypes.OrderTransaction, 'id' | 'kind' | 'status'>
        & { amountSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
      )> }, refundLineItems: { nodes: Array<Pick<AdminTypes.RefundLineItem, 'quantity'>> } }
  )> };

interface GeneratedQueryTypes {
  "#graphql\n  query CurrentAppInstallation {\n    currentAppInstallation { id }\n  }\n": {return: CurrentAppInstallationQuery, variables: CurrentAppInstallationQueryVariables},
  "#graphql\n  query OrdersBackfill {\n    orders(sortKey: UPDATED_AT) {\n      edges {\n        node {\n          id\n          name\n          createdAt\n          updatedAt\n          processedAt\n          displayFinancialStatus\n          displayFulfillmentStatus\n          customer { id }\n          currentTotalPriceSet { presentmentMoney { amount currencyCode } }\n          refunds { id }\n          lineItems { edges { node { id } } }\n          returns { edges { node { id } } }\n        }\n      }\n    }\n  }\n": {return: OrdersBackfillQuery, variables: OrdersBackfillQueryVariables},
  "#graphql\n  query BulkQueryStatus($id: ID!) {\n    bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount url createdAt query }\n  }\n": {return: BulkQueryStatusQuery, variables: BulkQueryStatusQueryVariables},
  "#graphql\n  query BulkQueriesRecent {\n    bulkOperations(first: 5, query: \"operation_type:QUERY\", sortKey: CREATED_AT, reverse: true) {\n      nodes { id status errorCode objectCount rootObjectCount url createdAt query }\n    }\n  }\n": {return: BulkQueriesRecentQuery, variables: BulkQueriesRecentQueryVariables},
  "#graphql\n  query GetCustomer($id: ID!) {\n    customer(id: $id) {\n      id\n      displayName\n      defaultEmailAddress { emailAddress }\n      numberOfOrders\n      amountSpent { amount currencyCode }\n      storeCreditAccounts(first: 10) {\n        nodes { id balance { amount currencyCode } }\n      }\n      orders(first: 10, sortKey: CREATED_AT, reverse: true) {\n        nodes {\n          id\n          name\n          createdAt\n          displayFinancialStatus\n          displayFulfillmentStatus\n          currentTotalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }\n        }\n      }\n    }\n  }\n": {return: GetCustomerQuery, variables: GetCustomerQueryVariables},
  "#graphql\n  query GetOrder($id: ID!) {\n    order(id: $id) {\n      id\n      name\n      email\n      createdAt\n      processedAt\n      currencyCode\n      presentmentCurrencyCode\n      displayFinancialStatus\n      displayFulfillmentStatus\n      tags\n      currentTotalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }\n      customer { id displayName defaultEmailAddress { emailAddress } }\n      lineItems(first: 50) {\n        pageInfo { hasNextPage }\n        nodes {\n          id\n          title\n          variantTitle\n          sku\n          quantity\n          currentQuantity\n          discountedUnitPriceAfterAllDiscountsSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }\n          taxLines { priceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } } }\n          image { url }\n          product { id title productType tags }\n          variant { id title }\n        }\n      }\n      fulfillments(first: 10) { id status displayStatus createdAt deliveredAt }\n      transactions(first: 20) {\n        id\n        kind\n        status\n        gateway\n        amountSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }\n        parentTransaction { id }\n      }\n    }\n  }\n": {return: GetOrderQuery, variables: GetOrderQueryVariables},
  "#graphql\n  query GetOrderReturns($id: ID!) {\n    order(id: $id) {\n      id\n      returns(first: 10) {\n        pageInfo { hasNextPage }\n        nodes {\n          id\n          name\n          status\n          returnLineItems(first: 10) {\n            pageInfo { hasNextPage }\n            nodes {\n              id\n              quantity\n              processedQuantity\n              ... on ReturnLineItem { fulfillmentLineItem { id lineItem { id } } }\n            }\n          }\n        }\n      }\n      refunds(first: 10) {\n        id\n        createdAt\n        totalRefundedSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }\n        refundLineItems(first: 10) {\n          pageInfo { hasNextPage }\n          nodes {\n            quantity\n            lineItem { id }\n            subtotalSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }\n          }\n        }\n      }\n    }\n  }\n": {return: GetOrderReturnsQuery, variables: GetOrderReturnsQueryVariables},
  "#graphql\n  query GetReturnableFulfillments($orderId: ID!) {\n    returnableFulfillments(orderId: $orderId, first: 5) {\n      pageInfo { hasNextPage }\n      nodes {\n        id\n        fulfillment { id }\n        returnableFulfillmentLineItems(first: 25) {\n          pageInfo { hasNextPage }\n          nodes { quantity fulfillmentLineItem { id lineItem { id } } }\n        }\n      }\n    }\n  }\n": {return: GetReturnableFulfillmentsQuery, variables: GetReturnableFulfillmentsQueryVariables},
  "#graphql\n  query FindOrdersForLookup($query: String!) {\n    orders(first: 5, query: $query) {\n      nodes { id name email }\n    }\n  }\n": {return: FindOrdersForLookupQuery, variables: FindOrdersForLookupQueryVariables},
  "#graphql\n  query ListRecentOrders($first: Int!) {\n    orders(first: $first, sortKey: CREATED_AT, reverse: true) {\n      nodes {\n        id\n        name\n        createdAt\n        displayFinancialStatus\n        displayFulfillmentStatus\n        customer { displayName }\n        currentTotalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }\n      }\n    }\n  }\n": {return: ListRecentOrdersQuery, variables: ListRecentOrdersQueryVariables},
  "#graphql\n  query SoldUnitsPage($query: String!, $after: String) {\n    orders(first: 250, after: $after, query: $query) {\n      pageInfo { hasNextPage endCursor }\n      nodes { subtotalLineItemsQuantity }\n    }\n  }\n": {return: SoldUnitsPageQuery, variables: SoldUnitsPageQueryVariables},
  "#graphql\n  query ExchangeVariants($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Product {\n        id\n        title\n        variants(first: 20) {\n          nodes { id title price availableForSale sellableOnlineQuantity }\n        }\n      }\n    }\n  }\n": {return: ExchangeVariantsQuery, variables: ExchangeVariantsQueryVariables},
  "#graphql\n  query GetReturnState($id: ID!) {\n    return(id: $id) {\n      id\n      name\n      status\n      order { id }\n      returnLineItems(first: 25) {\n        nodes {\n          id\n          quantity\n          processedQuantity\n          ... on ReturnLineItem { fulfillmentLineItem { id lineItem { id } } }\n        }\n      }\n      exchangeLineItems(first: 10) { nodes { id variantId quantity processedQuantity } }\n      refunds(first: 10) {\n        nodes {\n          id\n          createdAt\n          totalRefundedSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }\n          transactions(first: 5) { nodes { id gateway kind status amountSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } } } }\n        }\n      }\n    }\n  }\n": {return: GetReturnStateQuery, variables: GetReturnStateQueryVariables},
  "#graphql\n  query GetOrderOpenReturns($id: ID!) {\n    order(id: $id) {\n      id\n      returns(first: 10, query: \"status:OPEN\") {\n        nodes {\n          id\n          name\n          status\n          returnLineItems(first: 15) {\n            nodes { id quantity processedQuantity ... on ReturnLineItem { fulfillmentLineItem { id lineItem { id } } } }\n          }\n          exchangeLineItems(first: 10) { nodes { id variantId quantity processedQuantity } }\n        }\n      }\n    }\n  }\n": {return: GetOrderOpenReturnsQuery, variables: GetOrderOpenReturnsQueryVariables},
  "#graphql\n  query ReturnReasonDefinitions {\n    returnReasonDefinitions(first: 100) {\n      nodes { id handle name deleted }\n    }\n  }\n": {return: ReturnReasonDefinitionsQuery, variables: ReturnReasonDefinitionsQueryVariables},
  "#graphql\n  query GetShopifyReturn($id: ID!) {\n    return(id: $id) {\n      id\n      name\n      status\n      createdAt\n      requestApprovedAt\n      closedAt\n      decline { reason note }\n      order {\n        id\n        name\n        email\n        presentmentCurrencyCode\n        customer { id displayName defaultEmailAddress { emailAddress } }\n      }\n      returnLineItems(first: 50) {\n        pageInfo { hasNextPage }\n        nodes {\n          id\n          quantity\n          customerNote\n          returnReasonNote\n          returnReasonDefinition { id handle name }\n          ... on ReturnLineItem {\n            fulfillmentLineItem {\n              id\n              lineItem {\n                id\n                title\n                variantTitle\n                sku\n                quantity\n                image { url }\n                product { id }\n                variant { id }\n                discountedUnitPriceAfterAllDiscountsSet { presentmentMoney { amount currencyCode } }\n                taxLines { priceSet { presentmentMoney { amount currencyCode } } }\n              }\n            }\n          }\n        }\n      }\n      exchangeLineItems(first: 10) { nodes { id variantId quantity } }\n    }\n  }\n": {return: GetShopifyReturnQuery, variables: GetShopifyReturnQueryVariables},
  "#graphql\n  query GetShop {\n    shop {\n      name\n      myshopifyDomain\n      currencyCode\n      ianaTimezone\n      email\n      plan { publicDisplayName partnerDevelopment shopifyPlus }\n    }\n  }\n": {return: GetShopQuery, variables: GetShopQueryVariables},
  "#graphql\n  query ListStoreCreditCredits($customerId: ID!) {\n    customer(id: $customerId) {\n      id\n      storeCreditAccounts(first: 3) {\n        nodes {\n          id\n          balance { amount currencyCode }\n          transactions(first: 25, reverse: true) {\n            nodes {\n              __typename\n              ... on StoreCreditAccountCreditTransaction { id createdAt event amount { amount currencyCode } }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: ListStoreCreditCreditsQuery, variables: ListStoreCreditCreditsQueryVariables},
  "#graphql\n  query OrdersUpdatedSince($query: String, $after: String) {\n    orders(first: 20, after: $after, query: $query, sortKey: UPDATED_AT) {\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id\n        name\n        createdAt\n        updatedAt\n        processedAt\n        displayFinancialStatus\n        displayFulfillmentStatus\n        customer { id }\n        currentTotalPriceSet { presentmentMoney { amount currencyCode } }\n        lineItems(first: 20) { pageInfo { hasNextPage } nodes { id } }\n        returns(first: 5) { pageInfo { hasNextPage } nodes { id } }\n        refunds(first: 5) { id }\n      }\n    }\n  }\n": {return: OrdersUpdatedSinceQuery, variables: OrdersUpdatedSinceQueryVariables},
  "#graphql\n  query RefundForSync($id: ID!) {\n    node(id: $id) {\n      ... on Refund {\n        id\n        createdAt\n        order { id }\n        return { id }\n        transactions(first: 10) {\n          nodes { id kind status amountSet { presentmentMoney { amount currencyCode } } }\n        }\n        refundLineItems(first: 50) { nodes { quantity } }\n      }\n    }\n  }\n": {return: RefundForSyncQuery, variables: RefundForSyncQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\n  mutation SetAppMetafield($metafields: [MetafieldsSetInput!]!) {\n    metafieldsSet(metafields: $metafields) {\n      metafields { namespace key value }\n      userErrors { field message code }\n    }\n  }\n": {return: SetAppMetafieldMutation, variables: SetAppMetafieldMutationVariables},
  "#graphql\n  mutation BulkQueryStart($query: String!) {\n    bulkOperationRunQuery(query: $query, groupObjects: true) {\n      bulkOperation { id status errorCode objectCount rootObjectCount url createdAt query }\n      userErrors { field message code }\n    }\n  }\n": {return: BulkQueryStartMutation, variables: BulkQueryStartMutationVariables},
  "#graphql\n  mutation RefundCreate($input: RefundInput!, $idempotencyKey: String!) {\n    refundCreate(input: $input) @idempotent(key: $idempotencyKey) {\n      refund {\n        id\n        createdAt\n        totalRefundedSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }\n      }\n      userErrors { field message }\n    }\n  }\n": {return: RefundCreateMutation, variables: RefundCreateMutationVariables},
  "#graphql\n  mutation ReturnProcess($input: ReturnProcessInput!) {\n    returnProcess(input: $input) {\n      return {\n        id\n        status\n        refunds(first: 5, reverse: true) {\n          nodes { id createdAt totalRefundedSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } } }\n        }\n      }\n      userErrors { field message code }\n    }\n  }\n": {return: ReturnProcessMutation, variables: ReturnProcessMutationVariables},
  "#graphql\n  mutation ReturnCreateWithExchange($returnInput: ReturnInput!) {\n    returnCreate(returnInput: $returnInput) {\n      return {\n        id\n        name\n        status\n        returnLineItems(first: 25) {\n          nodes { id quantity ... on ReturnLineItem { fulfillmentLineItem { id lineItem { id } } } }\n        }\n        exchangeLineItems(first: 10) { nodes { id variantId quantity } }\n      }\n      userErrors { field message code }\n    }\n  }\n": {return: ReturnCreateWithExchangeMutation, variables: ReturnCreateWithExchangeMutationVariables},
  "#graphql\n  mutation PortalReturnRequest($input: ReturnRequestInput!) {\n    returnRequest(input: $input) {\n      return { id name status }\n      userErrors { field message code }\n    }\n  }\n": {return: PortalReturnRequestMutation, variables: PortalReturnRequestMutationVariables},
  "#graphql\n  mutation PortalReturnApproveRequest($input: ReturnApproveRequestInput!) {\n    returnApproveRequest(input: $input) {\n      return { id name status }\n      userErrors { field message code }\n    }\n  }\n": {return: PortalReturnApproveRequestMutation, variables: PortalReturnApproveRequestMutationVariables},
  "#graphql\n  mutation ReturnDeclineRequest($input: ReturnDeclineRequestInput!) {\n    returnDeclineRequest(input: $input) {\n      return { id name status }\n      userErrors { field message code }\n    }\n  }\n": {return: ReturnDeclineRequestMutation, variables: ReturnDeclineRequestMutationVariables},
  "#graphql\n  mutation ReturnCancel($id: ID!) {\n    returnCancel(id: $id) {\n      return { id name status }\n      userErrors { field message code }\n    }\n  }\n": {return: ReturnCancelMutation, variables: ReturnCancelMutationVariables},
  "#graphql\n  mutation ReturnClose($id: ID!) {\n    returnClose(id: $id) {\n      return { id name status }\n      userErrors { field message code }\n    }\n  }\n": {return: ReturnCloseMutation, variables: ReturnCloseMutationVariables},
  "#graphql\n  mutation StoreCreditAccountCredit($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {\n    storeCreditAccountCredit(id: $id, creditInput: $creditInput) {\n      storeCreditAccountTransaction {\n        id\n        createdAt\n        amount { amount currencyCode }\n        balanceAfterTransaction { amount currencyCode }\n        account { id }\n      }\n      userErrors { field message code }\n    }\n  }\n": {return: StoreCreditAccountCreditMutation, variables: StoreCreditAccountCreditMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}
